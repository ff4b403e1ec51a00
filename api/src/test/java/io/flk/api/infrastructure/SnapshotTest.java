package io.flk.api.infrastructure;

import static io.flk.api.verification.VerificationRequests.GROUNDED;
import static io.flk.api.verification.VerificationRequests.ragOnlyPolicy;
import static io.flk.api.verification.VerificationRequests.verification;
import static io.flk.db.Tables.SNAPSHOT_EVENT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.testing.HrsApi;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.IsolatedApplication;
import io.flk.api.testing.LabelledTasks;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.ControlGroup;
import io.flk.domain.verification.EnsemblePolicyCommands.PromotePolicyCanary;
import io.flk.domain.verification.EnsemblePolicyCommands.RoutePolicyCanary;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.FailureMode;
import io.flk.domain.verification.PolicyCanary;
import io.flk.domain.verification.PolicyId;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;

/** Snapshotted aggregates load from their snapshot with the same state and version as from their full history. */
class SnapshotTest {

    /** The live policies decide by grounding alone; the candidate too, with a lower risk threshold. */
    private static final EnsembleRules RAG_ONLY = new EnsembleRules(Map.of(StrategyName.RAG_GROUNDING,
            new StrategySettings(1, 0.5, 500, FailureMode.FAIL_CLOSED)), 1, 0.9);
    private static final EnsemblePolicySpec CANDIDATE =
            new EnsemblePolicySpec(new EnsembleRules(RAG_ONLY.strategies(), 1, 0.8), RAG_ONLY, 0.25);

    @Test
    void aTenantLoadedFromItsSnapshotKeepsItsSettingsVersionAndRules() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase("flk.axon.snapshot-threshold=3")) {
            HttpJson operator = app.as("operator");
            app.registerTenants("acme");
            for (int i = 1; i <= 5; i++) {
                var changed = operator.put("/api/v1/tenants/acme/settings", """
                        {"displayName":"Acme %d","escalationSla":"PT%dH","reviewSampleRate":0.05}
                        """.formatted(i, i));
                assertThat(changed.json().path("version").asLong()).isEqualTo(i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> app.dsl().fetchCount(SNAPSHOT_EVENT_ENTRY) > 0);
            String snapshot = new String(app.dsl().select(SNAPSHOT_EVENT_ENTRY.PAYLOAD).from(SNAPSHOT_EVENT_ENTRY)
                    .orderBy(SNAPSHOT_EVENT_ENTRY.SEQUENCE_NUMBER.desc()).limit(1).fetchSingle().value1(),
                    StandardCharsets.UTF_8);
            assertThat(snapshot).as("the snapshot holds the aggregate's state")
                    .contains("\"status\":\"ACTIVE\"", "\"escalationSla\"", "\"tenantId\":\"acme\"");

            app.restart();
            HttpJson afterRestart = app.as("operator");
            CommandGateway restarted = app.bean(CommandGateway.class);
            assertThat(afterRestart.put("/api/v1/tenants/acme/settings",
                    "{\"displayName\":\"Acme 5\",\"escalationSla\":\"PT5H\",\"reviewSampleRate\":0.05}")
                    .json().path("version").asLong()).as("unchanged settings are recognised: no new event").isEqualTo(5);
            var stale = afterRestart.header("If-Match", "\"4\"").put("/api/v1/tenants/acme/settings",
                    "{\"displayName\":\"Acme 6\",\"escalationSla\":\"PT6H\",\"reviewSampleRate\":0.05}");
            assertThat(stale.status()).isEqualTo(412);
            assertThat(afterRestart.post("/api/v1/tenants/acme/suspension", "{\"reason\":\"unpaid\"}").status())
                    .isEqualTo(200);
            var refused = afterRestart.put("/api/v1/tenants/acme/settings",
                    "{\"displayName\":\"Acme 7\",\"escalationSla\":\"PT7H\",\"reviewSampleRate\":0.05}");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.problemType()).isEqualTo("tenant-suspended");
        }
    }

    @Test
    void anHrsModelLineLoadedFromItsSnapshotKeepsItsRoutingRequestsAndHistory() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase("flk.axon.snapshot-threshold=3")) {
            app.registerTenants("acme");
            Instant now = Instant.now();
            // Enough labels for a test split whose ECE passes the champion gate (600 gave ECE 0.09).
            LabelledTasks.publish(app.bean(EventGateway.class), "acme", 3000, 9, now.minusSeconds(600));
            HrsApi hrs = new HrsApi(app::as, "acme");
            hrs.awaitTrainingSet("operator", now.minus(Duration.ofHours(1)), now, 3000);
            String first = hrs.trainAndAwait("operator", 42, now.minus(Duration.ofHours(1)), now);
            String second = hrs.trainAndAwait("operator", 43, now.minus(Duration.ofHours(1)), now);
            hrs.approved("approver", hrs.requestPromotionId("operator", first, "CHAMPION", null));
            hrs.approved("approver", hrs.requestPromotionId("operator", second, "CHAMPION", null));
            String pending = hrs.requestPromotionId("operator", first, "SHADOW", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> app.dsl().fetchCount(SNAPSHOT_EVENT_ENTRY,
                    SNAPSHOT_EVENT_ENTRY.AGGREGATE_IDENTIFIER.eq("hrs-models:acme")) > 0);

            app.restart();

            assertThat(hrs.scoredBy("operator", "after-restart"))
                    .as("the hot path routes to the champion registered and promoted before the snapshot")
                    .isEqualTo(second);
            assertThat(hrs.approve("operator", pending).status()).as("roles still apply").isEqualTo(403);
            assertThat(hrs.approved("approver", pending).get("shadows").get(0).asText())
                    .as("the pending request survived the snapshot").isEqualTo(first);
            var rollback = app.as("operator").post(hrs.base() + "/rollback", "{\"reason\":\"after restart\"}");
            assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
            assertThat(rollback.json().at("/routing/champion").asText())
                    .as("the champion history survived the snapshot").isEqualTo(first);
            assertThat(hrs.requestPromotion("operator", "hrs-0123456789abcdef", "CHAMPION", null).status())
                    .as("the registry survived the snapshot: only registered versions").isEqualTo(404);
        }
    }

    @Test
    void anEnsemblePolicyLoadedFromItsSnapshotKeepsItsVersionsAndItsCanary() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase("flk.axon.snapshot-threshold=3")) {
            HttpJson operator = app.as("operator");
            app.registerTenants("acme");
            String policy = "/api/v1/tenants/acme/ensemble-policy";
            assertThat(operator.put(policy, ragOnlyPolicy(0.1)).status()).isEqualTo(201);
            double[] controlShares = {0.15, 0.2, 0.25};
            for (int i = 1; i <= controlShares.length; i++) {
                var changed = operator.header("If-Match", "\"" + (i - 1) + "\"")
                        .put(policy, ragOnlyPolicy(controlShares[i - 1]));
                assertThat(changed.status()).as(changed.body()).isEqualTo(200);
                assertThat(changed.json().path("policyVersion").asLong()).isEqualTo(i + 1);
                assertThat(changed.json().path("version").asLong()).isEqualTo(i);
            }
            PolicyId policyId = PolicyId.of(TenantId.of("acme"));
            RolloutId rollout = RolloutId.random();
            CommandGateway commands = app.bean(CommandGateway.class);
            for (double share : new double[] {0.1, 0.2, 0.3, 0.4, 0.5}) {
                long candidateVersion = commands.sendAndWait(new RoutePolicyCanary(policyId, rollout, CANDIDATE, share,
                        "rollouts", Instant.now()));
                assertThat(candidateVersion).as("every step, from a snapshot or not, routes the same candidate")
                        .isEqualTo(5);
            }
            // Sequence number 4 is the canary's first step: a snapshot from then on holds the canary.
            await().atMost(Duration.ofSeconds(10)).until(() -> app.dsl().fetchCount(SNAPSHOT_EVENT_ENTRY,
                    SNAPSHOT_EVENT_ENTRY.AGGREGATE_IDENTIFIER.eq(policyId.toString())
                            .and(SNAPSHOT_EVENT_ENTRY.SEQUENCE_NUMBER.ge(4L))) > 0);
            String snapshot = new String(app.dsl().select(SNAPSHOT_EVENT_ENTRY.PAYLOAD).from(SNAPSHOT_EVENT_ENTRY)
                    .where(SNAPSHOT_EVENT_ENTRY.AGGREGATE_IDENTIFIER.eq(policyId.toString()))
                    .orderBy(SNAPSHOT_EVENT_ENTRY.SEQUENCE_NUMBER.desc()).limit(1).fetchSingle().value1(),
                    StandardCharsets.UTF_8);
            assertThat(snapshot).as("the snapshot holds the live version and the canary")
                    .contains("\"policyVersion\":4", "\"rolloutId\":\"" + rollout + "\"", "\"candidateVersion\":5");

            app.restart();
            HttpJson afterRestart = app.as("operator");
            CommandGateway restarted = app.bean(CommandGateway.class);
            PolicyCanary canary = new PolicyCanary(rollout, 5, CANDIDATE, 0.5);
            List<String> byCandidate = new ArrayList<>();
            List<String> onLive = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String taskId = "after-restart-" + i;
                boolean decidedByCandidate = !ControlGroup.isControl(TenantId.of("acme"), taskId, 0.25)
                        && canary.decides(TenantId.of("acme"), taskId);
                (decidedByCandidate ? byCandidate : onLive).add(taskId);
                assertThat(verifiedUnder(afterRestart, taskId)).as("the live policy and its canary decide " + taskId)
                        .isEqualTo(decidedByCandidate ? 5 : 4);
            }
            assertThat(byCandidate).isNotEmpty();
            assertThat(onLive).isNotEmpty();
            var duringRollout = afterRestart.put(policy, ragOnlyPolicy(0.3));
            assertThat(duringRollout.status()).as(duringRollout.body()).isEqualTo(409);
            assertThat(duringRollout.problemType()).isEqualTo("rollout-in-progress");
            assertThat(duringRollout.json().path("detail").asText()).as("the canary survived the snapshot")
                    .contains("policy version 5");

            long candidateVersion = restarted.sendAndWait(new RoutePolicyCanary(policyId, rollout, CANDIDATE, 1.0,
                    "rollouts", Instant.now()));
            assertThat(candidateVersion).as("the candidate keeps its version").isEqualTo(5);
            long promoted = restarted.sendAndWait(new PromotePolicyCanary(policyId, rollout, "rollouts",
                    "every gate passed", Instant.now()));
            assertThat(promoted).as("the aggregate version after ten earlier events").isEqualTo(10);
            assertThat(verifiedUnder(afterRestart, "after-promotion")).isEqualTo(5);
            assertThat(afterRestart.header("If-Match", "\"3\"").put(policy, ragOnlyPolicy(0.3)).status())
                    .as("the promotion changed the policy since version 3").isEqualTo(412);
            var changed = afterRestart.header("If-Match", "\"10\"").put(policy, ragOnlyPolicy(0.3));
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(changed.json().path("policyVersion").asLong()).as("versions are never reused").isEqualTo(6);
            assertThat(changed.header("ETag")).hasValue("\"11\"");
        }
    }

    private static long verifiedUnder(HttpJson client, String taskId) {
        var verified = client.post("/api/v1/verifications", verification("acme", taskId, GROUNDED));
        assertThat(verified.status()).as(verified.body()).isIn(200, 202);
        return verified.json().path("policyVersion").asLong();
    }
}
