package io.flk.api.rollout;

import static io.flk.api.testing.RolloutApi.CANDIDATE_POLICY;
import static io.flk.api.testing.RolloutApi.HOLDING_PLAN;
import static io.flk.api.testing.RolloutApi.policyRollout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.RolloutApi;
import io.flk.api.verification.VerificationRequests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A policy rollout over HTTP: requested by an operator, started by an approver, paused, resumed and aborted by
 * operators, and judged by the saga on verification traffic, every look readable with its numbers.
 */
class RolloutApiTest extends ApiTestSupport {

    @Test
    void anApprovedRolloutRunsAndOperatorsPauseResumeAndAbortIt() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        RolloutApi rollouts = new RolloutApi(this::as, tenant);
        rollouts.defineLivePolicy(OPERATOR);
        String rolloutId = rollouts.requestId(OPERATOR, policyRollout(CANDIDATE_POLICY, HOLDING_PLAN));

        JsonNode pending = rollouts.awaitStatus(AUDITOR, rolloutId, "PENDING_APPROVAL");
        assertThat(pending.get("component").asText()).isEqualTo("ENSEMBLE_POLICY");
        assertThat(pending.at("/plan/checkInterval").asText()).isEqualTo("PT1S");
        assertThat(pending.at("/plan/latency").isMissingNode()).as("the latency gate is off").isTrue();
        JsonNode approved = rollouts.acted(APPROVER, rolloutId, "approval");
        assertThat(approved.get("rolloutId").asText()).isEqualTo(rolloutId);
        assertThat(approved.get("status").asText()).isIn("STARTING", "RUNNING");

        JsonNode running = rollouts.awaitStatus(AUDITOR, rolloutId, "RUNNING");
        assertThat(running.get("requestedBy").asText()).isEqualTo(OPERATOR);
        assertThat(running.get("approvedBy").asText()).isEqualTo(APPROVER);
        assertThat(running.get("share").asDouble()).isEqualTo(0.5);
        assertThat(running.get("canaryKey").asText()).isNotBlank();

        JsonNode paused = rollouts.acted(OPERATOR, rolloutId, "pause");
        assertThat(paused.get("status").asText()).isEqualTo("PAUSED");
        assertThat(paused.at("/links/resume").asText()).isEqualTo(rollouts.base() + "/" + rolloutId + "/resume");
        rollouts.awaitStatus(AUDITOR, rolloutId, "PAUSED");
        assertThat(rollouts.acted(OPERATOR, rolloutId, "resume").get("status").asText()).isEqualTo("RUNNING");
        rollouts.awaitStatus(AUDITOR, rolloutId, "RUNNING");

        JsonNode look = judgedLooksAfterTraffic(tenant, rollouts, rolloutId).stream()
                .filter(judged -> judged.at("/window/canary/tasks").asLong() >= 5).findFirst().orElseThrow();
        assertThat(look.at("/window/canary/tasks").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(look.at("/window/control/tasks").asLong()).isPositive();
        List<String> gates = new ArrayList<>();
        look.at("/judgement/gates").forEach(gate -> gates.add(gate.get("gate").asText()));
        assertThat(gates).containsExactlyInAnyOrder("ERROR_BUDGET", "CONTAINMENT");
        assertThat(look.at("/judgement/gates").findValuesAsText("verdict")).contains("NOT_ENOUGH_DATA");
        assertThat(look.at("/judgement/action").asText()).as("containment has no labels yet").isEqualTo("HOLD");

        assertThat(rollouts.acted(OPERATOR, rolloutId, "abort").get("status").asText()).isEqualTo("ABORTED");
        JsonNode aborted = rollouts.awaitStatus(AUDITOR, rolloutId, "ABORTED");
        assertThat(aborted.get("endedBy").asText()).isEqualTo(OPERATOR);
        assertThat(as(AUDITOR).get(rollouts.base()).json().get("rollouts")).singleElement()
                .satisfies(rollout -> assertThat(rollout.get("rolloutId").asText()).isEqualTo(rolloutId));
    }

    /** Verifications until the saga has judged a look with enough canary tasks; answers the looks. */
    private List<JsonNode> judgedLooksAfterTraffic(String tenant, RolloutApi rollouts, String rolloutId) {
        int[] sent = {0};
        List<JsonNode> looks = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (int i = 0; i < 10; i++) {
                String taskId = "rollout-" + sent[0]++;
                HttpJson.Response verified = as(OPERATOR).post("/api/v1/verifications",
                        VerificationRequests.verification(tenant, taskId, VerificationRequests.GROUNDED));
                assertThat(verified.status()).as(verified.body()).isIn(200, 202);
            }
            JsonNode decisions = as(AUDITOR).get(rollouts.base() + "/" + rolloutId + "/decisions").json();
            looks.clear();
            decisions.get("decisions").forEach(looks::add);
            return looks.stream().anyMatch(look -> look.at("/window/canary/tasks").asLong() >= 5);
        });
        return looks;
    }
}
