package io.flk.api.escalation;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.api.testing.ApiAssertions.eventsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EscalationApiTest extends ApiTestSupport {

    private static final Duration READ_MODEL = Duration.ofSeconds(10);

    @Test
    void anOperatorOpensAnEscalationThatTheTenantsQueueShowsAsOpen() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT2H");

        HttpJson.Response opened = as(OPERATOR).post("/api/v1/escalations", """
                {"tenantId":"%s","taskId":"task-42","reason":"risk above threshold","risk":0.83}
                """.formatted(tenant));

        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String id = opened.json().path("escalationId").asText();
        assertThat(id).matches("e-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(opened.json().path("version").asLong()).isZero();
        assertThat(opened.header("ETag")).contains("\"0\"");
        assertThat(opened.header("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/v1/escalations/" + id));
        assertThat(eventsOf(id)).isEqualTo(1);

        await().atMost(READ_MODEL).until(() -> as(OPERATOR).get("/api/v1/escalations/" + id).status() == 200);
        HttpJson.Response read = as(OPERATOR).get("/api/v1/escalations/" + id);
        JsonNode view = read.json();
        assertThat(read.header("ETag")).contains("\"0\"");
        assertThat(view.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(view.path("taskId").asText()).isEqualTo("task-42");
        assertThat(view.path("reason").asText()).isEqualTo("risk above threshold");
        assertThat(view.path("risk").asDouble()).isEqualTo(0.83);
        assertThat(view.path("status").asText()).isEqualTo("OPEN");
        assertThat(view.path("slaBreached").asBoolean()).isFalse();
        assertThat(Duration.between(Instant.parse(view.path("openedAt").asText()),
                Instant.parse(view.path("slaDueAt").asText()))).isEqualTo(Duration.ofHours(2));

        assertThat(idsIn(as(OPERATOR).get("/api/v1/escalations?tenantId=" + tenant))).containsExactly(id);
    }

    @Test
    void theQueueFiltersByStatusAndHonoursTheLimit() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String first = openEscalation(tenant, "task-1");
        String second = openEscalation(tenant, "task-2");
        assertThat(as(OPERATOR).post("/api/v1/escalations/" + second + "/assignment", "{\"assignee\":\"alice\"}")
                .status()).isEqualTo(200);
        await().atMost(READ_MODEL).until(() -> escalation(second).path("status").asText().equals("ASSIGNED"));

        assertThat(idsIn(as(APPROVER).get("/api/v1/escalations?tenantId=" + tenant + "&status=OPEN")))
                .containsExactly(first);
        assertThat(idsIn(as(APPROVER).get("/api/v1/escalations?tenantId=" + tenant + "&status=ASSIGNED")))
                .containsExactly(second);
        assertThat(idsIn(as(AUDITOR).get("/api/v1/escalations?tenantId=" + tenant)))
                .containsExactlyInAnyOrder(first, second);
        assertThat(idsIn(as(OPERATOR).get("/api/v1/escalations?tenantId=" + tenant + "&limit=1"))).hasSize(1);
    }

    @Test
    void theAssigneeResolvesAndTheVersionAdvancesWithEachChange() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String id = openEscalation(tenant, "task-1");

        HttpJson.Response assigned = as(OPERATOR).post("/api/v1/escalations/" + id + "/assignment",
                "{\"assignee\":\"operator\"}");
        HttpJson.Response resolved = as(OPERATOR).header("If-Match", "\"1\"").post(
                "/api/v1/escalations/" + id + "/resolution", "{\"verdict\":\"GROUNDED\",\"note\":\"sources agree\"}");

        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.header("ETag")).contains("\"1\"");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.header("ETag")).contains("\"2\"");
        assertThat(resolved.json().path("version").asLong()).isEqualTo(2);
        assertThat(eventsOf(id)).isEqualTo(3);
        await().atMost(READ_MODEL).untilAsserted(() -> {
            HttpJson.Response read = as(OPERATOR).get("/api/v1/escalations/" + id);
            assertThat(read.json().path("status").asText()).isEqualTo("RESOLVED");
            assertThat(read.json().path("verdict").asText()).isEqualTo("GROUNDED");
            assertThat(read.json().path("reviewer").asText()).isEqualTo("operator");
            assertThat(read.json().path("assignee").asText()).isEqualTo("operator");
            assertThat(read.json().path("resolvedAt").isTextual()).isTrue();
            assertThat(read.header("ETag")).contains("\"2\"");
        });
    }

    @Test
    void theETagOfAReadIsTheIfMatchThatAnUpdateAccepts() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String id = openEscalation(tenant, "task-1");
        as(APPROVER).post("/api/v1/escalations/" + id + "/assignment", "{\"assignee\":\"bob\"}");
        await().atMost(READ_MODEL).until(() -> escalation(id).path("version").asLong() == 1);
        String etag = as(APPROVER).get("/api/v1/escalations/" + id).header("ETag").orElseThrow();

        HttpJson.Response resolved = as(APPROVER).header("If-Match", etag)
                .post("/api/v1/escalations/" + id + "/resolution", "{\"verdict\":\"UNSURE\"}");

        assertThat(etag).isEqualTo("\"1\"");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(eventsOf(id)).isEqualTo(3);
    }

    @Test
    void aResolutionWithAStaleIfMatchIsRefusedAndWritesNothing() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String id = openEscalation(tenant, "task-1");
        as(OPERATOR).post("/api/v1/escalations/" + id + "/assignment", "{\"assignee\":\"operator\"}");

        HttpJson.Response stale = as(OPERATOR).header("If-Match", "\"0\"")
                .post("/api/v1/escalations/" + id + "/resolution", "{\"verdict\":\"HALLUCINATION\"}");

        assertProblem(stale, 412, "stale-version", "If-Match");
        assertThat(eventsOf(id)).isEqualTo(2);
    }

    @Test
    void anEscalationCannotBeResolvedTwice() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String id = openEscalation(tenant, "task-1");
        assertThat(as(APPROVER).post("/api/v1/escalations/" + id + "/resolution", "{\"verdict\":\"HALLUCINATION\"}")
                .status()).isEqualTo(200);

        HttpJson.Response again = as(APPROVER).post("/api/v1/escalations/" + id + "/resolution",
                "{\"verdict\":\"GROUNDED\"}");

        assertProblem(again, 409, "escalation-resolved", null);
        assertThat(eventsOf(id)).isEqualTo(2);
        await().atMost(READ_MODEL).until(() -> escalation(id).path("status").asText().equals("RESOLVED"));
        assertThat(escalation(id).path("verdict").asText()).isEqualTo("HALLUCINATION");
    }

    @Test
    void onlyTheAssigneeOrAnApproverResolves() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String id = openEscalation(tenant, "task-1");
        as(OPERATOR).post("/api/v1/escalations/" + id + "/assignment", "{\"assignee\":\"alice\"}");

        HttpJson.Response notAssignee = as(OPERATOR).post("/api/v1/escalations/" + id + "/resolution",
                "{\"verdict\":\"GROUNDED\"}");

        assertProblem(notAssignee, 409, "not-the-assignee", null);
        assertThat(eventsOf(id)).isEqualTo(2);

        HttpJson.Response approver = as(APPROVER).post("/api/v1/escalations/" + id + "/resolution",
                "{\"verdict\":\"GROUNDED\"}");

        assertThat(approver.status()).as(approver.toString()).isEqualTo(200);
        assertThat(eventsOf(id)).isEqualTo(3);
    }

    @Test
    void anUnassignedEscalationIsNotResolvedByAnOperator() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String id = openEscalation(tenant, "task-1");

        assertProblem(as(OPERATOR).post("/api/v1/escalations/" + id + "/resolution", "{\"verdict\":\"GROUNDED\"}"),
                409, "not-the-assignee", null);
        assertThat(eventsOf(id)).isEqualTo(1);
    }

    @Test
    void aResolvedEscalationCannotBeAssigned() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String id = openEscalation(tenant, "task-1");
        as(APPROVER).post("/api/v1/escalations/" + id + "/resolution", "{\"verdict\":\"UNSURE\"}");

        HttpJson.Response assign = as(OPERATOR).post("/api/v1/escalations/" + id + "/assignment",
                "{\"assignee\":\"alice\"}");

        assertProblem(assign, 409, "escalation-resolved", null);
        assertThat(eventsOf(id)).isEqualTo(2);
    }

    @Test
    void reassigningToTheSameAssigneeWritesNothing() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String id = openEscalation(tenant, "task-1");
        as(OPERATOR).post("/api/v1/escalations/" + id + "/assignment", "{\"assignee\":\"alice\"}");

        HttpJson.Response same = as(OPERATOR).post("/api/v1/escalations/" + id + "/assignment",
                "{\"assignee\":\"alice\"}");

        assertThat(same.status()).isEqualTo(200);
        assertThat(same.header("ETag")).contains("\"1\"");
        assertThat(eventsOf(id)).isEqualTo(2);
    }

    @Test
    void openingAnEscalationForAnUnknownTenantIsUnprocessableAndWritesNothing() {
        String tenant = uniqueTenantId();
        String task = "task-" + UUID.randomUUID();

        HttpJson.Response refused = as(OPERATOR).post("/api/v1/escalations", """
                {"tenantId":"%s","taskId":"%s","reason":"risky","risk":0.9}
                """.formatted(tenant, task));

        assertProblem(refused, 422, "unknown-tenant", "tenantId");
        assertThat(eventsMentioning(task)).isZero();
    }

    @Test
    void anUnknownEscalationIsNotFound() {
        String unknown = "e-" + UUID.randomUUID();

        assertProblem(as(OPERATOR).get("/api/v1/escalations/" + unknown), 404, "not-found", null);
        assertProblem(as(OPERATOR).post("/api/v1/escalations/" + unknown + "/assignment", "{\"assignee\":\"alice\"}"),
                404, "not-found", null);
        assertProblem(as(APPROVER).post("/api/v1/escalations/" + unknown + "/resolution", "{\"verdict\":\"UNSURE\"}"),
                404, "not-found", null);
        assertThat(eventsOf(unknown)).isZero();
    }

    @Test
    void staffMustNameTheTenantOfTheQueue() {
        assertProblem(as(OPERATOR).get("/api/v1/escalations"), 400, "invalid-field", "tenantId");
    }

    @Test
    void aQueueLimitOutsideOneToAThousandIsRefused() {
        assertProblem(as(OPERATOR).get("/api/v1/escalations?tenantId=acme&limit=0"), 400, "invalid-field", "limit");
        assertProblem(as(OPERATOR).get("/api/v1/escalations?tenantId=acme&limit=1001"), 400, "invalid-field", "limit");
        assertProblem(as(OPERATOR).get("/api/v1/escalations?tenantId=acme&limit=many"), 400, "wrong-type", "limit");
        assertProblem(as(OPERATOR).get("/api/v1/escalations?tenantId=acme&status=PENDING"), 400, "wrong-type",
                "status");
    }

    @Test
    void aTenantPrincipalSeesItsOwnQueueByDefault() {
        ensureTenant("acme", "PT4H");
        String id = openEscalation("acme", "task-" + UUID.randomUUID());

        HttpJson.Response queue = as(TENANT_ACME).get("/api/v1/escalations?limit=1000&status=OPEN");
        HttpJson.Response named = as(TENANT_ACME).get("/api/v1/escalations?tenantId=acme&limit=1000&status=OPEN");
        HttpJson.Response single = as(TENANT_ACME).get("/api/v1/escalations/" + id);

        assertThat(idsIn(queue)).contains(id);
        assertThat(idsIn(named)).contains(id);
        assertThat(queue.json().findValuesAsText("tenantId")).containsOnly("acme");
        assertThat(single.status()).isEqualTo(200);
        assertThat(single.json().path("tenantId").asText()).isEqualTo("acme");
    }

    @Test
    void aTenantPrincipalCannotReadAnotherTenantsQueue() {
        ensureTenant("globex", "PT4H");

        assertProblem(as(TENANT_ACME).get("/api/v1/escalations?tenantId=globex"), 403, "forbidden", "tenantId");
    }

    @Test
    void anotherTenantsEscalationDoesNotExistForATenantPrincipal() {
        ensureTenant("globex", "PT4H");
        String id = openEscalation("globex", "task-" + UUID.randomUUID());

        assertProblem(as(TENANT_ACME).get("/api/v1/escalations/" + id), 404, "not-found", null);
        assertProblem(as(TENANT_ACME).post("/api/v1/escalations/" + id + "/assignment",
                "{\"assignee\":\"tenant-acme\"}"), 404, "not-found", null);
        assertProblem(as(TENANT_ACME).post("/api/v1/escalations/" + id + "/resolution",
                "{\"verdict\":\"GROUNDED\"}"), 404, "not-found", null);
        assertThat(eventsOf(id)).isEqualTo(1);
        assertThat(escalation(id).path("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void aTenantPrincipalWorksItsOwnEscalation() {
        ensureTenant("acme", "PT4H");
        String id = openEscalation("acme", "task-" + UUID.randomUUID());

        HttpJson.Response assigned = as(TENANT_ACME).post("/api/v1/escalations/" + id + "/assignment",
                "{\"assignee\":\"tenant-acme\"}");
        HttpJson.Response resolved = as(TENANT_ACME).post("/api/v1/escalations/" + id + "/resolution",
                "{\"verdict\":\"HALLUCINATION\"}");

        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        await().atMost(READ_MODEL).untilAsserted(() -> {
            JsonNode view = escalation(id);
            assertThat(view.path("status").asText()).isEqualTo("RESOLVED");
            assertThat(view.path("reviewer").asText()).isEqualTo("tenant-acme");
        });
    }

    private static List<String> idsIn(HttpJson.Response queue) {
        assertThat(queue.status()).as(queue.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        queue.json().path("escalations").forEach(node -> ids.add(node.path("escalationId").asText()));
        return ids;
    }
}
