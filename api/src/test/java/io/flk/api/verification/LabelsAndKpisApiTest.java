package io.flk.api.verification;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.verification.VerificationRequests.GROUNDED;
import static io.flk.api.verification.VerificationRequests.HALLUCINATED;
import static io.flk.api.verification.VerificationRequests.ragOnlyPolicy;
import static io.flk.api.verification.VerificationRequests.verification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reviews and resolved escalations label tasks; the KPI projection turns labels into containment. */
class LabelsAndKpisApiTest extends ApiTestSupport {

    private record Verified(String taskId, boolean escalated, boolean control, String escalationId) {
    }

    @Test
    void labelsFromEscalationsAndReviewsBecomeContainmentPerGroup() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        assertThat(as(OPERATOR).put("/api/v1/tenants/" + tenant + "/ensemble-policy", ragOnlyPolicy(0.5)).status())
                .isEqualTo(201);
        List<Verified> tasks = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String taskId = "k-" + i;
            JsonNode body = as(OPERATOR).post("/api/v1/verifications",
                    verification(tenant, taskId, i % 3 == 0 ? HALLUCINATED : GROUNDED)).json();
            tasks.add(new Verified(taskId, body.get("decision").asText().equals("ESCALATED"),
                    body.get("controlGroup").asBoolean(), body.path("escalationId").asText(null)));
        }
        assertThat(tasks).anyMatch(Verified::control).anyMatch(task -> !task.control());

        for (Verified task : tasks) {
            if (task.escalated()) {
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> as(APPROVER).get("/api/v1/escalations/" + task.escalationId()).status() == 200);
                assertThat(as(APPROVER).post("/api/v1/escalations/" + task.escalationId() + "/resolution",
                        "{\"verdict\":\"HALLUCINATION\"}").status()).isEqualTo(200);
            }
        }
        List<Verified> passed = tasks.stream().filter(task -> !task.escalated()).toList();
        Verified escaped = passed.get(0);
        for (Verified task : passed) {
            String verdict = task == escaped ? "HALLUCINATION" : "GROUNDED";
            HttpJson.Response review = as(APPROVER).post("/api/v1/tasks/" + task.taskId() + "/reviews",
                    "{\"tenantId\":\"%s\",\"verdict\":\"%s\"}".formatted(tenant, verdict));
            assertThat(review.status()).as(review.body()).isEqualTo(201);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> labelled(kpis(tenant)) == tasks.size());
        JsonNode report = kpis(tenant);
        for (boolean control : new boolean[] {false, true}) {
            JsonNode group = report.get(control ? "control" : "treatment");
            long caught = tasks.stream().filter(task -> task.control() == control && task.escalated()).count();
            long escapedHere = escaped.control() == control ? 1 : 0;
            long total = tasks.stream().filter(task -> task.control() == control).count();
            assertThat(group.get("counts").get("tasks").asLong()).isEqualTo(total);
            assertThat(group.get("counts").get("caughtHallucinations").asLong()).isEqualTo(caught);
            assertThat(group.get("counts").get("escapedHallucinations").asLong()).isEqualTo(escapedHere);
            assertThat(group.get("containmentRate").asDouble())
                    .isCloseTo((double) caught / (caught + escapedHere), within(1e-9));
            assertThat(group.get("trustedTasks").asLong()).isEqualTo(total - caught - escapedHere);
            assertThat(group.get("costPerTrustedTaskUsd").asDouble()).isPositive();
            assertThat(group.get("verifyP95Ms").asDouble()).isPositive();
        }
        double delta = report.get("treatment").get("containmentRate").asDouble()
                - report.get("control").get("containmentRate").asDouble();
        assertThat(report.get("containmentDeltaVsControl").asDouble()).isCloseTo(delta, within(1e-9));
        assertThat(report.get("rows")).allSatisfy(row -> assertThat(row.get("policyVersion").asLong()).isEqualTo(1));
    }

    @Test
    void anEscalatedTaskIsLabelledThroughItsEscalationNotByReview() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        as(OPERATOR).put("/api/v1/tenants/" + tenant + "/ensemble-policy", ragOnlyPolicy(0));
        assertThat(as(OPERATOR).post("/api/v1/verifications", verification(tenant, "x-1", HALLUCINATED)).status())
                .isEqualTo(202);

        HttpJson.Response review = as(OPERATOR).post("/api/v1/tasks/x-1/reviews",
                "{\"tenantId\":\"%s\",\"verdict\":\"GROUNDED\"}".formatted(tenant));

        assertProblem(review, 409, "task-not-passed", null);
    }

    @Test
    void reviewingAnUnknownTaskAnswers404() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");

        assertProblem(as(OPERATOR).post("/api/v1/tasks/never-verified/reviews",
                "{\"tenantId\":\"%s\",\"verdict\":\"GROUNDED\"}".formatted(tenant)), 404, "not-found", null);
    }

    @Test
    void aTenantSeesOnlyItsOwnKpis() {
        ensureTenant("acme", "PT4H");
        assertThat(as(TENANT_ACME).get("/api/v1/kpis").status()).isEqualTo(200);
        assertProblem(as(TENANT_GLOBEX).get("/api/v1/kpis?tenantId=acme"), 403, "forbidden", "tenantId");
        assertProblem(as(OPERATOR).get("/api/v1/kpis?tenantId=acme&from=2026-02-01&to=2026-01-01"), 400,
                "invalid-field", "from");
    }

    private JsonNode kpis(String tenant) {
        return as(AUDITOR).get("/api/v1/kpis?tenantId=" + tenant).json();
    }

    private static long labelled(JsonNode report) {
        return report.get("treatment").get("counts").get("labelled").asLong()
                + report.get("control").get("counts").get("labelled").asLong();
    }
}
