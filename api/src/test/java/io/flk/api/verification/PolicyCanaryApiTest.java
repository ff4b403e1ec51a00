package io.flk.api.verification;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.api.verification.VerificationRequests.GROUNDED;
import static io.flk.api.verification.VerificationRequests.ragOnlyPolicy;
import static io.flk.api.verification.VerificationRequests.verification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.ControlGroup;
import io.flk.domain.verification.EnsemblePolicyCommands.PromotePolicyCanary;
import io.flk.domain.verification.EnsemblePolicyCommands.RoutePolicyCanary;
import io.flk.domain.verification.EnsemblePolicyCommands.WithdrawPolicyCanary;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.FailureMode;
import io.flk.domain.verification.PolicyCanary;
import io.flk.domain.verification.PolicyId;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import io.flk.domain.verification.evaluation.DefaultPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rollout's candidate policy on the hot path: it decides its share of the treatment tasks under its own
 * version while the control group and the other treatment tasks stay on the live policy, every arm runs the
 * same strategies, operators cannot change the policy under it, and its promotion makes it live.
 */
class PolicyCanaryApiTest extends ApiTestSupport {

    private static final StrategySettings RAG = new StrategySettings(1, 0.5, 500, FailureMode.FAIL_CLOSED);
    /** A threshold no HRS score reaches: HRS votes HALLUCINATED, so the candidate escalates grounded answers. */
    private static final StrategySettings HRS_UNREACHABLE = new StrategySettings(1, 1.0, 5000, FailureMode.FAIL_CLOSED);
    private static final EnsembleRules RAG_ONLY = new EnsembleRules(Map.of(StrategyName.RAG_GROUNDING, RAG), 1, 0.9);
    private static final EnsemblePolicySpec CANDIDATE = new EnsemblePolicySpec(new EnsembleRules(
            Map.of(StrategyName.RAG_GROUNDING, RAG, StrategyName.HRS, HRS_UNREACHABLE), 2, 0.9), RAG_ONLY, 0.2);

    @Autowired
    private CommandGateway commands;

    @Test
    void aCandidateDecidesItsShareOfTreatmentTasksUnderItsVersionUntilItIsPromoted() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        assertThat(as(OPERATOR).put(policyPath(tenant), ragOnlyPolicy(0.2)).status()).isEqualTo(201);
        RolloutId rollout = RolloutId.random();

        long candidateVersion = commands.sendAndWait(new RoutePolicyCanary(PolicyId.of(TenantId.of(tenant)), rollout,
                CANDIDATE, 0.3, "rollouts", Instant.now()));

        assertThat(candidateVersion).isEqualTo(2);
        PolicyCanary canary = new PolicyCanary(rollout, candidateVersion, CANDIDATE, 0.3);
        List<String> byCandidate = new ArrayList<>();
        List<String> treatmentOnLive = new ArrayList<>();
        List<String> control = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String taskId = "canary-" + i;
            JsonNode verified = verify(tenant, taskId);
            assertThat(strategies(verified)).as("every arm records the same scores").contains("rag-grounding", "hrs");
            if (ControlGroup.isControl(TenantId.of(tenant), taskId, 0.2)) {
                control.add(taskId);
                assertThat(verified.get("controlGroup").asBoolean()).isTrue();
                assertDecided(verified, 1, "PASS");
            } else if (canary.decides(TenantId.of(tenant), taskId)) {
                byCandidate.add(taskId);
                assertDecided(verified, candidateVersion, "ESCALATED");
            } else {
                treatmentOnLive.add(taskId);
                assertDecided(verified, 1, "PASS");
            }
        }
        assertThat(byCandidate).as("about 30 %% of the 80 %% treatment tasks").isNotEmpty();
        assertThat(treatmentOnLive).isNotEmpty();
        assertThat(control).isNotEmpty();

        HttpJson.Response changed = as(OPERATOR).put(policyPath(tenant), ragOnlyPolicy(0.1));
        assertProblem(changed, 409, "rollout-in-progress", null);
        assertThat(changed.json().get("detail").asText()).contains("policy version 2");
        assertThat(eventsMentioning("EnsemblePolicyChanged", tenant)).isZero();

        commands.sendAndWait(new PromotePolicyCanary(PolicyId.of(TenantId.of(tenant)), rollout, "rollouts",
                "every gate passed", Instant.now()));

        for (int i = 0; i < 10; i++) {
            String taskId = "promoted-" + i;
            boolean isControl = ControlGroup.isControl(TenantId.of(tenant), taskId, CANDIDATE.controlShare());
            assertDecided(verify(tenant, taskId), candidateVersion, isControl ? "PASS" : "ESCALATED");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode live = as(AUDITOR).get(policyPath(tenant)).json();
            assertThat(live.get("policyVersion").asLong()).isEqualTo(candidateVersion);
            assertThat(live.get("reason").asText()).isEqualTo("every gate passed");
        });
    }

    @Test
    void aTenantOnTheBuiltInDefaultRollsOutItsFirstPolicyAndNeverReusesAWithdrawnVersion() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        RolloutId rollout = RolloutId.random();

        long candidateVersion = commands.sendAndWait(new RoutePolicyCanary(PolicyId.of(TenantId.of(tenant)), rollout,
                CANDIDATE, 1.0, "rollouts", Instant.now()));

        assertThat(candidateVersion).isEqualTo(1);
        for (int i = 0; i < 20; i++) {
            String taskId = "first-" + i;
            boolean isControl = ControlGroup.isControl(TenantId.of(tenant), taskId, DefaultPolicies.CONTROL_SHARE);
            assertThat(verify(tenant, taskId).get("policyVersion").asLong()).as(taskId)
                    .isEqualTo(isControl ? 0 : candidateVersion);
        }
        assertProblem(as(OPERATOR).put(policyPath(tenant), ragOnlyPolicy(0)), 409, "rollout-in-progress", null);

        commands.sendAndWait(new WithdrawPolicyCanary(PolicyId.of(TenantId.of(tenant)), rollout, "rollouts",
                "aborted by an operator", Instant.now()));

        assertThat(verify(tenant, "after-withdrawal").get("policyVersion").asLong()).isZero();
        HttpJson.Response defined = as(OPERATOR).put(policyPath(tenant), ragOnlyPolicy(0));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        assertThat(defined.json().get("policyVersion").asLong()).as("version 1 went to the withdrawn candidate")
                .isEqualTo(2);
        assertThat(defined.header("ETag")).hasValue("\"" + defined.json().get("version").asLong() + "\"");
        assertThat(verify(tenant, "after-definition").get("policyVersion").asLong()).isEqualTo(2);
    }

    private JsonNode verify(String tenant, String taskId) {
        HttpJson.Response response = as(OPERATOR).post("/api/v1/verifications", verification(tenant, taskId, GROUNDED));
        assertThat(response.status()).as(response.body()).isIn(200, 202);
        return response.json();
    }

    private static void assertDecided(JsonNode verified, long policyVersion, String decision) {
        assertThat(verified.get("policyVersion").asLong()).as(verified.toString()).isEqualTo(policyVersion);
        assertThat(verified.get("decision").asText()).as(verified.toString()).isEqualTo(decision);
    }

    private static List<String> strategies(JsonNode verified) {
        List<String> strategies = new ArrayList<>();
        verified.get("votes").forEach(vote -> strategies.add(vote.get("strategy").asText()));
        return strategies;
    }

    private static String policyPath(String tenant) {
        return "/api/v1/tenants/" + tenant + "/ensemble-policy";
    }
}
