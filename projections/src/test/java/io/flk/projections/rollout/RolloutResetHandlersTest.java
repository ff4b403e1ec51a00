package io.flk.projections.rollout;

import static io.flk.db.Tables.HRS_ONLINE_SCORE;
import static io.flk.db.Tables.ROLLOUT;
import static io.flk.db.Tables.ROLLOUT_DECISION;
import static io.flk.db.Tables.ROLLOUT_SAMPLE;
import static io.flk.projections.hrs.HrsFixtures.freshTenant;
import static io.flk.projections.hrs.HrsFixtures.objectMapper;
import static io.flk.projections.rollout.SampledTask.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.rollout.ArmStats;
import io.flk.domain.rollout.RolloutAction;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutEvent.RolloutRequested;
import io.flk.domain.rollout.RolloutEvent.RolloutStepJudged;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutJudgement;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.rollout.RolloutWindow;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/**
 * Each rollout projection's reset empties its own tables and nothing else, not even another projection's rows
 * written from the same task events.
 */
class RolloutResetHandlersTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final RolloutSampleProjection samples = new RolloutSampleProjection(dsl);
    private final RolloutProjection rollouts = new RolloutProjection(dsl, objectMapper());

    @Test
    void theSampleResetTruncatesOnlyTheSamples() {
        fillEveryTable();

        samples.reset();

        assertThat(dsl.fetchCount(ROLLOUT_SAMPLE)).isZero();
        assertFilled(List.of(ROLLOUT, ROLLOUT_DECISION, HRS_ONLINE_SCORE));
    }

    @Test
    void theRolloutResetTruncatesOnlyTheRolloutsAndTheirDecisions() {
        fillEveryTable();

        rollouts.reset();

        assertThat(dsl.fetchCount(ROLLOUT)).isZero();
        assertThat(dsl.fetchCount(ROLLOUT_DECISION)).isZero();
        assertFilled(List.of(ROLLOUT_SAMPLE, HRS_ONLINE_SCORE));
    }

    private void assertFilled(List<Table<?>> tables) {
        tables.forEach(table -> assertThat(dsl.fetchCount(table)).as(table.getName()).isPositive());
    }

    private void fillEveryTable() {
        TenantId tenant = freshTenant();
        TaskVerified verified = task("t-1", AT).verified(tenant);
        samples.on(verified);
        // another projection's row of the same task
        dsl.insertInto(HRS_ONLINE_SCORE, HRS_ONLINE_SCORE.TENANT_ID, HRS_ONLINE_SCORE.TASK_ID,
                HRS_ONLINE_SCORE.MODEL_VERSION, HRS_ONLINE_SCORE.DECIDING, HRS_ONLINE_SCORE.RISK)
                .values(tenant.value(), verified.taskId(), "hrs-1", true, 0.3)
                .execute();
        RolloutId rolloutId = RolloutId.random();
        rollouts.on(new RolloutRequested(tenant, rolloutId, RolloutComponent.HRS_MODEL,
                RolloutTarget.model("hrs-2", EligibilityGates.defaults()), RolloutPlan.defaults(), "alice", "why",
                AT));
        RolloutWindow window = new RolloutWindow(AT, AT.plusSeconds(60), AT.plusSeconds(30), 1_000, null,
                ArmStats.EMPTY, ArmStats.EMPTY);
        rollouts.on(new RolloutStepJudged(tenant, rolloutId, RolloutComponent.HRS_MODEL, 1, 1, window,
                new RolloutJudgement(List.of(), false, RolloutAction.HOLD, null, 0.05, 0.05, "no data"),
                AT.plusSeconds(60)));
    }
}
