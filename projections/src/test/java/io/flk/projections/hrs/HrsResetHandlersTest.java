package io.flk.projections.hrs;

import static io.flk.db.Tables.HRS_MODEL_ARTIFACT;
import static io.flk.db.Tables.HRS_MODEL_VERSION;
import static io.flk.db.Tables.HRS_ONLINE_SCORE;
import static io.flk.db.Tables.HRS_PROMOTION_REQUEST;
import static io.flk.db.Tables.HRS_ROUTING;
import static io.flk.db.Tables.HRS_TRAINING;
import static io.flk.db.Tables.HRS_TRAINING_LEASE;
import static io.flk.db.Tables.HRS_TRAINING_ROW;
import static io.flk.projections.hrs.HrsFixtures.AT;
import static io.flk.projections.hrs.HrsFixtures.freshTenant;
import static io.flk.projections.hrs.HrsFixtures.model;
import static io.flk.projections.hrs.HrsFixtures.objectMapper;
import static io.flk.projections.hrs.HrsFixtures.verified;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.hrs.HrsArtifacts.StoredArtifact;
import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.hrs.HrsModelEvent.HrsRoutingChanged;
import io.flk.domain.hrs.HrsModelEvent.ModelVersionRegistered;
import io.flk.domain.hrs.HrsModelEvent.PromotionRequested;
import io.flk.domain.hrs.HrsRouting;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingStarted;
import io.flk.domain.hrs.PromotionRequestId;
import io.flk.domain.hrs.RoutingRole;
import io.flk.domain.hrs.TrainingId;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/** Each HRS projection's reset empties its own table and nothing else; artifacts and leases are not projections. */
class HrsResetHandlersTest {

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final HrsTrainingSetProjection trainingSet = new HrsTrainingSetProjection(dsl);
    private final HrsModelVersionProjection versions = new HrsModelVersionProjection(dsl, objectMapper());
    private final HrsRoutingProjection routing = new HrsRoutingProjection(dsl, objectMapper());
    private final PromotionRequestProjection promotions = new PromotionRequestProjection(dsl);
    private final HrsTrainingProjection trainings = new HrsTrainingProjection(dsl);
    private final HrsOnlineScoreProjection onlineScores = new HrsOnlineScoreProjection(dsl);

    @Test
    void eachResetTruncatesOnlyItsOwnTable() {
        Map<Table<?>, Runnable> resets = new LinkedHashMap<>();
        resets.put(HRS_TRAINING_ROW, trainingSet::reset);
        resets.put(HRS_MODEL_VERSION, versions::reset);
        resets.put(HRS_ROUTING, routing::reset);
        resets.put(HRS_PROMOTION_REQUEST, promotions::reset);
        resets.put(HRS_TRAINING, trainings::reset);
        resets.put(HRS_ONLINE_SCORE, onlineScores::reset);
        List<Table<?>> kept = List.of(HRS_MODEL_ARTIFACT, HRS_TRAINING_LEASE);

        fillEveryTable();
        for (Map.Entry<Table<?>, Runnable> reset : resets.entrySet()) {
            reset.getValue().run();

            assertThat(dsl.fetchCount(reset.getKey())).as(reset.getKey().getName()).isZero();
            resets.keySet().stream().filter(table -> table != reset.getKey()).forEach(other ->
                    assertThat(dsl.fetchCount(other)).as(other.getName() + " after " + reset.getKey().getName())
                            .isPositive());
            kept.forEach(table -> assertThat(dsl.fetchCount(table)).as(table.getName()).isPositive());
            fillEveryTable();
        }
    }

    private void fillEveryTable() {
        TenantId tenant = freshTenant();
        TaskVerified task = verified(tenant, "t-1", AT, Map.of("f", 1.0), "hrs-1", 0.7, Map.of("hrs-2", 0.4));
        trainingSet.on(task, GenericEventMessage.asEventMessage(task), new GlobalSequenceTrackingToken(1));
        onlineScores.on(task);
        versions.on(new ModelVersionRegistered(tenant, model("hrs-1", AT), "operator", AT));
        routing.on(new HrsRoutingChanged(tenant, HrsRouting.bundledOnly(), new HrsRouting("hrs-1", null, 0, List.of()),
                "pr-1", "approver", AT), 1);
        promotions.on(new PromotionRequested(tenant, PromotionRequestId.random(), "hrs-1", RoutingRole.CHAMPION, 0,
                EligibilityGates.defaults(), 0.9, 0.02, "alice", "reason", AT, AT.plusSeconds(60)));
        trainings.on(new HrsTrainingStarted(TrainingId.random(), tenant, AT, AT.plusSeconds(60), 1,
                List.of(HrsCandidate.MLP), 10, 2, "schedule", "scheduler", AT));
        new HrsArtifactStore(dsl).save(tenant, new StoredArtifact("hrs-1", new byte[] {1}, "a".repeat(64), "s",
                "b".repeat(64)));
        new PostgresTrainingLease(TestDatabase.get().dataSource()).tryAcquire(tenant, "a", Duration.ofMinutes(1), AT);
    }
}
