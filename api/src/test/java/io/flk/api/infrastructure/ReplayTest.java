package io.flk.api.infrastructure;

import static io.flk.api.testing.FleetRolloutApi.policyFleetRollout;
import static io.flk.api.testing.RolloutApi.CANDIDATE_POLICY;
import static io.flk.api.testing.RolloutApi.HOLDING_PLAN;
import static io.flk.api.testing.RolloutApi.policyRollout;
import static io.flk.db.Tables.AUDIT_CHAIN;
import static io.flk.db.Tables.COST_LINE;
import static io.flk.db.Tables.COST_TASK_MODEL;
import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;
import static io.flk.db.Tables.ENSEMBLE_POLICY_VERSION;
import static io.flk.db.Tables.ESCALATION;
import static io.flk.db.Tables.FLEET_ROLLOUT;
import static io.flk.db.Tables.FLEET_ROLLOUT_MEMBER;
import static io.flk.db.Tables.HRS_MODEL_VERSION;
import static io.flk.db.Tables.HRS_ONLINE_SCORE;
import static io.flk.db.Tables.HRS_PROMOTION_REQUEST;
import static io.flk.db.Tables.HRS_ROUTING;
import static io.flk.db.Tables.HRS_TRAINING;
import static io.flk.db.Tables.HRS_TRAINING_ROW;
import static io.flk.db.Tables.KPI_DAILY;
import static io.flk.db.Tables.KPI_LATENCY;
import static io.flk.db.Tables.KPI_TASK;
import static io.flk.db.Tables.ROLLOUT;
import static io.flk.db.Tables.ROLLOUT_DECISION;
import static io.flk.db.Tables.ROLLOUT_SAMPLE;
import static io.flk.db.Tables.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.FleetRolloutApi;
import io.flk.api.testing.HrsApi;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.IsolatedApplication;
import io.flk.api.testing.LabelledTasks;
import io.flk.api.testing.RolloutApi;
import io.flk.projections.audit.AuditChainProjection;
import io.flk.projections.cost.CostAttributionProjection;
import io.flk.projections.escalation.EscalationProjection;
import io.flk.projections.hrs.HrsModelVersionProjection;
import io.flk.projections.hrs.HrsOnlineScoreProjection;
import io.flk.projections.hrs.HrsRoutingProjection;
import io.flk.projections.hrs.HrsTrainingProjection;
import io.flk.projections.hrs.HrsTrainingSetProjection;
import io.flk.projections.hrs.PromotionRequestProjection;
import io.flk.projections.rollout.RolloutProjection;
import io.flk.projections.rollout.fleet.FleetRolloutProjection;
import io.flk.projections.rollout.RolloutSampleProjection;
import io.flk.projections.tenant.TenantProjection;
import io.flk.projections.verification.EnsemblePolicyProjection;
import io.flk.projections.verification.KpiProjection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** DESIGN.md section 5: shut down, reset tokens, start; projections rebuilt from zero equal the live ones. */
class ReplayTest {

    private static final List<String> GROUPS = List.of(TenantProjection.GROUP, EscalationProjection.GROUP,
            AuditChainProjection.GROUP, EnsemblePolicyProjection.GROUP, KpiProjection.GROUP,
            CostAttributionProjection.GROUP, HrsTrainingSetProjection.GROUP, HrsModelVersionProjection.GROUP,
            HrsRoutingProjection.GROUP, PromotionRequestProjection.GROUP, HrsTrainingProjection.GROUP,
            HrsOnlineScoreProjection.GROUP, RolloutSampleProjection.GROUP, RolloutProjection.GROUP, FleetRolloutProjection.GROUP);
    private static final List<Table<?>> READ_MODELS = List.of(TENANT, ESCALATION, AUDIT_CHAIN,
            ENSEMBLE_POLICY_VERSION, KPI_TASK, KPI_DAILY, KPI_LATENCY, COST_LINE, COST_TASK_MODEL, HRS_TRAINING_ROW,
            HRS_MODEL_VERSION, HRS_ROUTING, HRS_PROMOTION_REQUEST, HRS_TRAINING, HRS_ONLINE_SCORE, ROLLOUT_SAMPLE,
            ROLLOUT, ROLLOUT_DECISION, FLEET_ROLLOUT, FLEET_ROLLOUT_MEMBER);
    private static final String RAG_ONLY = """
            {"strategies":{"rag-grounding":{"weight":1,"groundedThreshold":0.5,"timeoutMillis":5000,
             "onFailure":"FAIL_CLOSED"}},"quorum":1,"escalateAtRisk":0.9}""";
    private static final int HRS_LABELLED_TASKS = 400;
    private static final String SOURCE = "The Eiffel Tower was completed in 1889 for the World's Fair in Paris.";

    @Test
    void projectionsRebuiltFromTheEventLogEqualTheLiveOnes() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase()) {
            HttpJson operator = app.as("operator");
            app.registerTenants("acme", "globex");
            operator.put("/api/v1/tenants/acme/settings",
                    "{\"displayName\":\"Acme Corp\",\"escalationSla\":\"PT2H\",\"reviewSampleRate\":0.2}");
            for (int i = 0; i < 6; i++) {
                String id = operator.post("/api/v1/escalations", """
                        {"tenantId":"%s","taskId":"t-%d","reason":"risk","risk":0.7}
                        """.formatted(i % 2 == 0 ? "acme" : "globex", i)).json().get("escalationId").asText();
                if (i % 3 != 0) {
                    operator.post("/api/v1/escalations/" + id + "/assignment", "{\"assignee\":\"operator\"}");
                }
                if (i % 3 == 2) {
                    operator.post("/api/v1/escalations/" + id + "/resolution", "{\"verdict\":\"GROUNDED\"}");
                }
            }
            operator.put("/api/v1/tenants/acme/ensemble-policy", """
                    {"treatment":%s,"baseline":%s,"controlShare":0.5,"reason":"replay"}""".formatted(RAG_ONLY, RAG_ONLY));
            for (int i = 0; i < 8; i++) {
                String answer = i % 2 == 0 ? SOURCE : "Napoleon rebuilt the Colosseum in 1642 with Venetian marble.";
                JsonNode decision = operator.post("/api/v1/verifications", """
                        {"tenantId":"acme","taskId":"v-%d","model":"gpt-4o","answer":"%s",
                         "sources":[{"id":"s1","text":"%s"}],"llmCostUsd":0.01}""".formatted(i, answer, SOURCE)).json();
                if (decision.get("decision").asText().equals("PASS") && i % 4 == 0) {
                    operator.post("/api/v1/tasks/v-" + i + "/reviews", "{\"tenantId\":\"acme\",\"verdict\":\"GROUNDED\"}");
                }
            }
            hrsLifecycle(app);
            abortedRollout(app);
            abortedFleetRollout(app);
            await().atMost(Duration.ofSeconds(15)).until(() -> app.dsl().fetchCount(KPI_TASK, KPI_TASK.LABEL.isNotNull())
                    == 2 + HRS_LABELLED_TASKS);
            await().atMost(Duration.ofSeconds(15)).until(() -> app.dsl().fetchCount(HRS_TRAINING_ROW,
                    HRS_TRAINING_ROW.HALLUCINATED.isNotNull()) == 2 + HRS_LABELLED_TASKS
                    && app.dsl().fetchCount(HRS_TRAINING_ROW) == 8 + HRS_LABELLED_TASKS + 3);
            await().atMost(Duration.ofSeconds(15)).until(() -> app.dsl().fetchCount(HRS_ONLINE_SCORE,
                    HRS_ONLINE_SCORE.DECIDING.isFalse()) == 3 && app.dsl().fetchCount(HRS_ROUTING) == 1);
            // the rollout samples are the treatment-group tasks among the KPIs' once those are all in
            await().atMost(Duration.ofSeconds(15)).until(() -> app.dsl().fetchCount(KPI_TASK)
                    == 8 + HRS_LABELLED_TASKS + 3);
            await().atMost(Duration.ofSeconds(15)).until(() -> app.dsl().fetchCount(ROLLOUT_SAMPLE)
                    == app.dsl().fetchCount(KPI_TASK, KPI_TASK.CONTROL_GROUP.isFalse())
                    && app.dsl().fetchCount(ROLLOUT_SAMPLE, ROLLOUT_SAMPLE.REVIEW_COST_USD.isNotNull())
                    == app.dsl().fetchCount(KPI_TASK,
                            KPI_TASK.CONTROL_GROUP.isFalse().and(KPI_TASK.LABEL.isNotNull())));
            int events = app.dsl().fetchCount(DOMAIN_EVENT_ENTRY);
            await().atMost(Duration.ofSeconds(10)).until(() -> app.dsl().fetchCount(AUDIT_CHAIN) == events);
            await().atMost(Duration.ofSeconds(10)).until(() -> app.dsl().fetchCount(ESCALATION,
                    ESCALATION.STATUS.eq("RESOLVED")) == 2);
            await().atMost(Duration.ofSeconds(15)).until(() -> app.dsl().fetchCount(ESCALATION) == 10);
            app.awaitProcessorsCaughtUp(Duration.ofSeconds(30));
            Map<Table<?>, Result<?>> live = new LinkedHashMap<>();
            READ_MODELS.forEach(table -> live.put(table, snapshot(app.dsl(), table)));
            assertThat(live.get(ESCALATION)).hasSize(10);
            assertThat(live.get(KPI_DAILY)).isNotEmpty();
            assertThat(live.get(COST_LINE)).isNotEmpty();
            List.of(HRS_TRAINING_ROW, HRS_MODEL_VERSION, HRS_ROUTING, HRS_PROMOTION_REQUEST, HRS_TRAINING,
                    HRS_ONLINE_SCORE, ROLLOUT_SAMPLE, ROLLOUT, ROLLOUT_DECISION, FLEET_ROLLOUT, FLEET_ROLLOUT_MEMBER)
                    .forEach(table -> assertThat(live.get(table)).as(table.getName()).isNotEmpty());

            Configuration axon = app.bean(Configuration.class);
            for (String group : GROUPS) {
                StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                        .eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
                processor.shutDown();
                processor.resetTokens();
                processor.start();
            }

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> READ_MODELS.forEach(table ->
                    assertThat(snapshot(app.dsl(), table)).as(table.getName()).isEqualTo(live.get(table))));
        }
    }

    /**
     * globex: labelled tasks, a trained version that a second principal makes a shadow, and tasks it then scores,
     * so that every HRS read model has rows to rebuild.
     */
    private static void hrsLifecycle(IsolatedApplication app) {
        Instant now = Instant.now();
        LabelledTasks.publish(app.bean(EventGateway.class), "globex", HRS_LABELLED_TASKS, 3, now.minusSeconds(600));
        HrsApi hrs = new HrsApi(app::as, "globex");
        hrs.awaitTrainingSet("operator", now.minus(Duration.ofHours(1)), now, HRS_LABELLED_TASKS);
        String version = hrs.trainAndAwait("operator", 42, now.minus(Duration.ofHours(1)), now);
        hrs.approved("approver", hrs.requestPromotionId("operator", version, "SHADOW", null));
        for (int i = 0; i < 3; i++) {
            hrs.scoredBy("operator", "shadowed-" + i);
        }
    }

    /**
     * acme: a policy rollout requested by one principal, approved by another, judged at least once and aborted, so
     * that the rollout read models have a rollout and its looks to rebuild.
     */
    private static void abortedRollout(IsolatedApplication app) {
        RolloutApi rollouts = new RolloutApi(app::as, "acme");
        String rolloutId = rollouts.requestId("operator", policyRollout(CANDIDATE_POLICY, HOLDING_PLAN));
        rollouts.acted("approver", rolloutId, "approval");
        await().atMost(Duration.ofSeconds(30)).until(() -> app.dsl().fetchCount(ROLLOUT_DECISION,
                ROLLOUT_DECISION.ROLLOUT_ID.eq(rolloutId)) >= 1);
        rollouts.acted("operator", rolloutId, "abort");
        rollouts.awaitStatus("auditor", rolloutId, "ABORTED");
        // acme's next rollout (the fleet's) can route its canary only once this one's is withdrawn
        awaitCanaryWithdrawn(app, rolloutId);
    }

    /** Both tenants: a fleet rollout approved, started on each and aborted, each member's end recorded. */
    private static void abortedFleetRollout(IsolatedApplication app) {
        FleetRolloutApi fleet = new FleetRolloutApi(app::as);
        String id = fleet.requestId("operator", policyFleetRollout(CANDIDATE_POLICY, HOLDING_PLAN,
                List.of("acme", "globex"), null));
        fleet.acted("approver", id, "approval");
        fleet.awaitView("auditor", id, Duration.ofSeconds(30), view -> view.at("/rollouts/acme/status").asText()
                .equals("RUNNING") && view.at("/rollouts/globex/status").asText().equals("RUNNING"));
        fleet.acted("operator", id, "abort");
        JsonNode ended = fleet.awaitView("auditor", id, Duration.ofSeconds(30), view -> view.get("members")
                .findValues("outcome").stream().filter(JsonNode::isTextual).count() == 2);
        for (String rolloutId : ended.get("members").findValuesAsText("rolloutId")) {
            awaitCanaryWithdrawn(app, rolloutId);
        }
    }

    /** The last event of an aborted rollout: its canary withdrawn from the tenant's policy by its saga. */
    private static void awaitCanaryWithdrawn(IsolatedApplication app, String rolloutId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> app.dsl().fetchCount(DOMAIN_EVENT_ENTRY,
                DOMAIN_EVENT_ENTRY.PAYLOAD_TYPE.endsWith("PolicyCanaryWithdrawn").and(DSL.field(
                        "convert_from({0}, 'UTF8')", String.class, DOMAIN_EVENT_ENTRY.PAYLOAD).contains(rolloutId)))
                == 1);
    }

    private static Result<?> snapshot(DSLContext dsl, Table<?> table) {
        return dsl.selectFrom(table).orderBy(table.getPrimaryKey().getFields().toArray(org.jooq.Field[]::new))
                .fetch();
    }
}
