package io.flk.projections.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flk.db.testing.TestDatabase;
import io.flk.domain.budget.HardCapBehaviour;
import io.flk.domain.escalation.EscalationId;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.simulation.RecordedLabel;
import io.flk.domain.simulation.RecordedTask;
import io.flk.domain.simulation.SimulationProgress;
import io.flk.domain.simulation.SimulationProgress.Phase;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.EnsembleDisagreed;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.Vote;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskEventReplayTest {

    private static final Instant FROM = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofHours(1));

    private final TestDatabase db = TestDatabase.get();
    private final TaskEventReplay replay = new TaskEventReplay(db.dataSource(), new TaskEventReplay.Settings(2, 100));
    private final TenantId tenant = TenantId.of("sim-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void readsTheTenantsDecisionsOfTheRangeInTimeOrderWithTheirFirstLabelAndDisagreement() {
        store(verified(tenant, "late", FROM.plusSeconds(600)), FROM.plusSeconds(600));
        store(verified(tenant, "early", FROM.plusSeconds(60)), FROM.plusSeconds(60));
        StoredTaskEvents.store(new EnsembleDisagreed(tenant, "early", 1, false, Decision.PASS,
                List.of(StrategyName.HRS), List.of(StrategyName.RAG_GROUNDING), FROM.plusSeconds(60)), 1,
                FROM.plusSeconds(60));
        StoredTaskEvents.store(label(tenant, "late", Verdict.HALLUCINATION, 2.0), 1, TO.plus(Duration.ofDays(2)));
        StoredTaskEvents.store(label(tenant, "late", Verdict.GROUNDED, 3.0), 2, TO.plus(Duration.ofDays(3)));
        store(verified(tenant, "before", FROM.minusMillis(1)), FROM.minusMillis(1));
        StoredTaskEvents.store(label(tenant, "before", Verdict.GROUNDED, 5.0), 1, FROM.plusSeconds(30));
        store(verified(tenant, "at-end", TO), TO);
        TenantId other = TenantId.of("sim-other-" + UUID.randomUUID().toString().substring(0, 8));
        store(verified(other, "elsewhere", FROM.plusSeconds(60)), FROM.plusSeconds(60));

        Collected collected = new Collected();
        TaskEventReplay.ReplayStats stats = replay.replay(tenant, FROM, TO, ReplayControl.NONE, collected);

        assertThat(collected.tasks).extracting(RecordedTask::taskId).containsExactly("early", "late");
        assertThat(collected.tasks.get(0).disagreed()).isTrue();
        assertThat(collected.tasks.get(0).label()).isNull();
        assertThat(collected.tasks.get(1).disagreed()).isFalse();
        assertThat(collected.tasks.get(1).label()).isEqualTo(new RecordedLabel(Verdict.HALLUCINATION, 2.0));
        assertThat(collected.labels).isEqualTo(1);
        assertThat(collected.reviewCostUsd).isEqualTo(2.0);
        assertThat(stats).isEqualTo(new TaskEventReplay.ReplayStats(5, 2, 1, 1));
    }

    @Test
    void aDecisionReadFromItsStoredJsonIsTheRecordedTaskOfTheEvent() {
        TaskVerified verified = new TaskVerified(tenant, "t1", "gpt-4o", 7, true, Decision.ESCALATED, 0.45,
                List.of(new StrategyVerdict(StrategyName.HRS, 0.55, Vote.GROUNDED, 420, 0.00002, false, false, "hrs-3"),
                        new StrategyVerdict(StrategyName.MICRO_VOTE, null, Vote.HALLUCINATED, 20_000, 0, true, false,
                                null),
                        new StrategyVerdict(StrategyName.RAG_GROUNDING, null, Vote.GROUNDED, 90, 0, false, true, null)),
                Map.of("hrs", "hrs-3"), Map.of("overlap.token_containment", 0.93, "logprobMean", -0.41), 0.0021,
                0.00002, EscalationId.random(), 21_500, FROM.plusSeconds(5), HardCapBehaviour.ESCALATE_ALL,
                Map.of("hrs-4", 0.25, "hrs-5", 0.5));
        store(verified, FROM.plusSeconds(5));

        Collected collected = new Collected();
        replay.replay(tenant, FROM, TO, ReplayControl.NONE, collected);

        assertThat(collected.tasks).containsExactly(RecordedTask.of(verified, false, null));
    }

    @Test
    void revisionOneDecisionsReadAsHavingNoShadowRisks() {
        TaskVerified withShadows = verified(tenant, "old", FROM.plusSeconds(1));
        StoredTaskEvents.storeRevision1(withShadows, FROM.plusSeconds(1));
        TaskVerified verified = new TaskVerified(tenant, "old", withShadows.llmModel(), withShadows.policyVersion(),
                withShadows.controlGroup(), withShadows.decision(), withShadows.risk(), withShadows.verdicts(),
                withShadows.modelVersions(), withShadows.features(), withShadows.llmCostUsd(),
                withShadows.verificationCostUsd(), null, withShadows.decisionMicros(), withShadows.verifiedAt(), null,
                null);

        Collected collected = new Collected();
        replay.replay(tenant, FROM, TO, ReplayControl.NONE, collected);

        assertThat(collected.tasks).containsExactly(RecordedTask.of(verified, false, null));
        assertThat(collected.tasks.get(0).hrsShadowRisks()).isEmpty();
    }

    @Test
    void aDecisionTimeWrittenAsEpochSecondsReadsAsTheSameInstant() {
        TaskVerified verified = verified(tenant, "epoch", Instant.parse("2026-01-05T10:00:01.250Z"));
        ObjectNode json = StoredTaskEvents.APPLICATION_MAPPER.valueToTree(verified);
        json.put("verifiedAt", new BigDecimal("1767607201.250000000"));
        StoredTaskEvents.store(verified, 0, FROM.plusSeconds(1), "2",
                json.toString().getBytes(StandardCharsets.UTF_8));

        Collected collected = new Collected();
        replay.replay(tenant, FROM, TO, ReplayControl.NONE, collected);

        assertThat(collected.tasks).containsExactly(RecordedTask.of(verified, false, null));
    }

    @Test
    void anUnknownRevisionIsRefusedRatherThanGuessedAt() {
        TaskVerified verified = verified(tenant, "future", FROM.plusSeconds(1));
        StoredTaskEvents.store(verified, 0, FROM.plusSeconds(1), "3",
                "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> replay.replay(tenant, FROM, TO, ReplayControl.NONE, new Collected()))
                .hasMessageContaining("revision 3");
    }

    @Test
    void progressNamesEachPhaseWithTheCountsSoFar() {
        for (int i = 0; i < 5; i++) {
            store(verified(tenant, "t" + i, FROM.plusSeconds(i)), FROM.plusSeconds(i));
        }
        List<SimulationProgress> reports = new ArrayList<>();

        replay.replay(tenant, FROM, TO, control(reports, () -> false), new Collected());

        assertThat(reports).extracting(SimulationProgress::phase)
                .containsSubsequence(Phase.COUNTING, Phase.LABELS, Phase.DECISIONS, Phase.DONE);
        assertThat(reports.get(reports.size() - 1))
                .isEqualTo(new SimulationProgress(Phase.DONE, 5, 5, 5L, 1.0));
    }

    @Test
    void aCancellationStopsTheReplayBetweenTwoRows() {
        for (int i = 0; i < 10; i++) {
            store(verified(tenant, "t" + i, FROM.plusSeconds(i)), FROM.plusSeconds(i));
        }
        Collected collected = new Collected();
        ReplayControl cancelAfterThree = control(new ArrayList<>(), () -> collected.tasks.size() >= 3);

        assertThatThrownBy(() -> replay.replay(tenant, FROM, TO, cancelAfterThree, collected))
                .isInstanceOf(ReplayCancelled.class);
        assertThat(collected.tasks).hasSize(3);
    }

    @Test
    void aFailureWhileReplayingADecisionStopsTheReplayAndReachesItsCaller() {
        for (int i = 0; i < 600; i++) {
            store(verified(tenant, "t" + i, FROM.plusMillis(i)), FROM.plusMillis(i));
        }
        Collected failing = new Collected() {
            @Override
            public void accept(RecordedTask task) {
                if (task.taskId().equals("t300")) {
                    throw new IllegalArgumentException("no good");
                }
                super.accept(task);
            }
        };

        assertThatThrownBy(() -> replay.replay(tenant, FROM, TO, ReplayControl.NONE, failing))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no good");
        assertThat(failing.tasks).hasSize(300);
    }

    @Test
    void moreLabelledTasksThanAllowedFailClearly() {
        TaskEventReplay small = new TaskEventReplay(db.dataSource(), new TaskEventReplay.Settings(100, 2));
        for (int i = 0; i < 3; i++) {
            store(verified(tenant, "t" + i, FROM.plusSeconds(i)), FROM.plusSeconds(i));
            StoredTaskEvents.store(label(tenant, "t" + i, Verdict.GROUNDED, 1.0), 1, FROM.plusSeconds(100 + i));
        }

        assertThatThrownBy(() -> small.replay(tenant, FROM, TO, ReplayControl.NONE, new Collected()))
                .isInstanceOf(ReplayTooLarge.class)
                .hasMessageContaining("more than 2").hasMessageContaining("flk.simulations.max-labelled-tasks");
    }

    @Test
    void findsWhetherTheTenantRecordedAnyDecisionInTheRange() {
        store(verified(tenant, "t1", FROM.plusSeconds(1)), FROM.plusSeconds(1));

        assertThat(replay.hasTasks(tenant, FROM, TO)).isTrue();
        assertThat(replay.hasTasks(tenant, TO, TO.plusSeconds(3600))).isFalse();
        assertThat(replay.hasTasks(TenantId.of("sim-nobody"), FROM, TO)).isFalse();
    }

    @Test
    void everyQueryReadsTheTenantsRangeThroughTheIndexWithoutSorting() throws Exception {
        try (Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL enable_seqscan = off");
            for (String query : List.of(TaskEventReplay.DECISIONS, TaskEventReplay.DISAGREEMENTS,
                    TaskEventReplay.LABELS)) {
                String plan = plan(statement, query.replaceFirst("\\?", "'acme'").replace("?", "'x'"));
                assertThat(plan).as(query).contains("domain_event_entry_task_range_idx").doesNotContain("Sort");
            }
            connection.rollback();
        }
    }

    private static String plan(Statement statement, String query) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static void store(TaskVerified verified, Instant storedAt) {
        StoredTaskEvents.store(verified, 0, storedAt);
    }

    static TaskVerified verified(TenantId tenant, String taskId, Instant at) {
        return new TaskVerified(tenant, taskId, "gpt-4o", 1, false, Decision.PASS, 0.1,
                List.of(new StrategyVerdict(StrategyName.HRS, 0.9, Vote.GROUNDED, 300, 0.00001, false, false, "hrs-1")),
                Map.of("hrs", "hrs-1"), Map.of("x", 1.0), 0.002, 0.00001, null, 1_000, at, null, Map.of("hrs-2", 0.2));
    }

    private static TaskLabelled label(TenantId tenant, String taskId, Verdict verdict, double cost) {
        return new TaskLabelled(tenant, taskId, verdict, LabelSource.REVIEW, null, "reviewer", cost, FROM);
    }

    private static ReplayControl control(List<SimulationProgress> reports, java.util.function.BooleanSupplier cancel) {
        return new ReplayControl() {
            @Override
            public boolean cancelRequested() {
                return cancel.getAsBoolean();
            }

            @Override
            public void progress(SimulationProgress progress) {
                reports.add(progress);
            }
        };
    }

    private static class Collected implements RecordedTaskSink {

        private final List<RecordedTask> tasks = new ArrayList<>();
        private long labels;
        private double reviewCostUsd;

        @Override
        public void labelsRead(long labels, double reviewCostUsd) {
            this.labels = labels;
            this.reviewCostUsd = reviewCostUsd;
        }

        @Override
        public void accept(RecordedTask task) {
            tasks.add(task);
        }
    }
}
