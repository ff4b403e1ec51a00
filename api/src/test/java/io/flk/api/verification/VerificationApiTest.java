package io.flk.api.verification;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.api.testing.ApiAssertions.eventsOf;
import static io.flk.api.verification.VerificationRequests.GROUNDED;
import static io.flk.api.verification.VerificationRequests.HALLUCINATED;
import static io.flk.api.verification.VerificationRequests.ragOnlyPolicy;
import static io.flk.api.verification.VerificationRequests.verification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.TaskRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class VerificationApiTest extends ApiTestSupport {

    private String tenantWithRagOnlyPolicy(double controlShare) {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        HttpJson.Response defined = as(OPERATOR).put("/api/v1/tenants/" + tenant + "/ensemble-policy",
                ragOnlyPolicy(controlShare));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        return tenant;
    }

    @Test
    void aGroundedAnswerPassesWith200AndItsDecisionIsRecordedBeforeTheAnswer() {
        String tenant = tenantWithRagOnlyPolicy(0);

        HttpJson.Response response = as(OPERATOR).post("/api/v1/verifications", verification(tenant, "t-1", GROUNDED));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("decision").asText()).isEqualTo("PASS");
        assertThat(body.get("policyVersion").asLong()).isEqualTo(1);
        assertThat(body.get("replayed").asBoolean()).isFalse();
        assertThat(body.get("votes").get(0).get("strategy").asText()).isEqualTo("rag-grounding");
        assertThat(body.get("votes").get(0).get("vote").asText()).isEqualTo("GROUNDED");
        assertThat(body.has("escalationId")).isFalse();
        assertThat(eventsOf(TaskRef.of(TenantId.of(tenant), "t-1").toString())).isEqualTo(1);
    }

    @Test
    void theRecordHoldsNumbersDerivedFromTheTextsButNeverTheTexts() {
        String tenant = tenantWithRagOnlyPolicy(0);
        as(OPERATOR).post("/api/v1/verifications", verification(tenant, "t-pi", GROUNDED));

        assertThat(eventsMentioning("TaskVerified", "\"" + tenant + "\"")).isEqualTo(1);
        assertThat(eventsMentioning("Eiffel")).isZero();
        assertThat(eventsMentioning("When was the")).isZero();
        assertThat(eventsMentioning("overlap.token_containment")).isPositive();
        assertThat(eventsMentioning("client.logprobMean")).isPositive();
    }

    @Test
    void aHallucinatedAnswerIsEscalatedWith202AndTheEscalationReachesTheQueue() {
        String tenant = tenantWithRagOnlyPolicy(0);

        HttpJson.Response response = as(OPERATOR).post("/api/v1/verifications",
                verification(tenant, "t-2", HALLUCINATED));

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String escalationId = response.json().get("escalationId").asText();
        assertThat(escalationId).isEqualTo(TaskRef.of(TenantId.of(tenant), "t-2").escalationId().value());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(OPERATOR).get("/api/v1/escalations/" + escalationId).status() == 200);
        JsonNode escalation = escalation(escalationId);
        assertThat(escalation.get("taskId").asText()).isEqualTo("t-2");
        assertThat(escalation.get("status").asText()).isEqualTo("OPEN");
        assertThat(escalation.get("reason").asText()).contains("policy v1").contains("rag-grounding");
    }

    @Test
    void aRepeatedTaskIdReturnsTheRecordedDecisionAndRecordsNothingNew() {
        String tenant = tenantWithRagOnlyPolicy(0);
        HttpJson.Response first = as(OPERATOR).post("/api/v1/verifications", verification(tenant, "t-3", GROUNDED));

        HttpJson.Response again = as(OPERATOR).post("/api/v1/verifications", verification(tenant, "t-3", HALLUCINATED));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        assertThat(again.json().get("decision").asText()).isEqualTo("PASS");
        assertThat(again.json().get("recordedAt")).isEqualTo(first.json().get("recordedAt"));
        assertThat(eventsOf(TaskRef.of(TenantId.of(tenant), "t-3").toString())).isEqualTo(1);
    }

    @Test
    void concurrentRequestsForOneTaskIdRecordOneDecision() throws Exception {
        String tenant = tenantWithRagOnlyPolicy(0);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<HttpJson.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> as(OPERATOR).post("/api/v1/verifications",
                        verification(tenant, "t-same", GROUNDED)), clients));
            }
            List<HttpJson.Response> responses = calls.stream().map(CompletableFuture::join).toList();
            assertThat(responses).allSatisfy(response -> assertThat(response.status()).isEqualTo(200));
            assertThat(responses.stream().filter(response -> !response.json().get("replayed").asBoolean()))
                    .hasSize(1);
        } finally {
            clients.shutdownNow();
        }
        assertThat(eventsOf(TaskRef.of(TenantId.of(tenant), "t-same").toString())).isEqualTo(1);
    }

    @Test
    void aTenantVerifiesOnlyForItself() {
        ensureTenant("acme", "PT4H");
        ensureTenant("globex", "PT4H");

        assertThat(as(TENANT_ACME).post("/api/v1/verifications", verification("acme", "t-own-" + uniqueTenantId(),
                GROUNDED)).status()).isIn(200, 202);
        HttpJson.Response foreign = as(TENANT_ACME).post("/api/v1/verifications",
                verification("globex", "t-foreign", GROUNDED));
        assertProblem(foreign, 403, "forbidden", "tenantId");
        assertThat(eventsOf(TaskRef.of(TenantId.of("globex"), "t-foreign").toString())).isZero();
        assertThat(as(AUDITOR).post("/api/v1/verifications", verification("acme", "t-auditor", GROUNDED)).status())
                .isEqualTo(403);
    }

    /**
     * The default policy gives each strategy 20 ms, which a pause of the test machine can exceed; a vote that misses
     * it must say so, and the task is then verified again under a new id, so that the versions are seen scored.
     */
    @Test
    void theDefaultPolicyRunsAllThreeStrategiesAndRecordsTheirVersions() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");

        JsonNode scored = null;
        for (int attempt = 0; attempt < 5 && scored == null; attempt++) {
            HttpJson.Response response = as(OPERATOR).post("/api/v1/verifications",
                    verification(tenant, "t-d-" + attempt, GROUNDED));
            assertThat(response.status()).as(response.body()).isIn(200, 202);
            JsonNode votes = response.json().get("votes");
            assertThat(response.json().get("policyVersion").asLong()).isZero();
            List<String> strategies = new ArrayList<>();
            votes.forEach(vote -> strategies.add(vote.get("strategy").asText()));
            assertThat(strategies).containsExactly("rag-grounding", "micro-vote", "hrs");
            votes.forEach(vote -> assertThat(vote.hasNonNull("score") || vote.get("timedOut").asBoolean())
                    .as("a vote without a score timed out: %s", vote).isTrue());
            boolean allScored = true;
            for (JsonNode vote : votes) {
                allScored &= vote.hasNonNull("score");
            }
            scored = allScored ? votes : null;
        }

        assertThat(scored).as("every strategy scored within its timeout in one of 5 tasks").isNotNull();
        scored.forEach(vote -> assertThat(vote.get("score").asDouble()).isBetween(0.0, 1.0));
        assertThat(scored.get(0).hasNonNull("modelVersion")).as("rag-grounding is rule-based").isFalse();
        assertThat(scored.get(1).get("modelVersion").asText()).matches("mv-[0-9a-f]{12}");
        assertThat(scored.get(2).get("modelVersion").asText()).matches("hrs-[0-9a-f]{12}");
    }
}
