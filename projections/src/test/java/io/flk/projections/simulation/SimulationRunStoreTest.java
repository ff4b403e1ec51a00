package io.flk.projections.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.simulation.SimulationCandidate;
import io.flk.domain.simulation.SimulationProgress;
import io.flk.domain.simulation.SimulationProgress.Phase;
import io.flk.domain.simulation.SimulationResult;
import io.flk.domain.simulation.SimulationResult.DecisionFlips;
import io.flk.domain.simulation.SimulationResult.KpiDeltas;
import io.flk.domain.simulation.SimulationResult.SimulationCounts;
import io.flk.domain.simulation.SimulationResult.SimulationOutcome;
import io.flk.domain.simulation.SimulationRun;
import io.flk.domain.simulation.SimulationStatus;
import io.flk.domain.verification.KpiCounters;
import io.flk.domain.verification.KpiQueries.KpiFigures;
import io.flk.domain.verification.LatencyHistogram;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.evaluation.DefaultPolicies;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SimulationRunStoreTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");

    private final SimulationRunStore store = new SimulationRunStore(TestDatabase.get().dataSource(),
            StoredTaskEvents.APPLICATION_MAPPER);
    private final String instance = "instance-" + UUID.randomUUID();

    @Test
    void aCompletedRunReadsBackWithItsCandidateProgressAndResult() {
        SimulationRun run = running();
        store.insert(run, instance);
        SimulationProgress done = SimulationProgress.of(Phase.DONE, 12, 10, 10L);
        SimulationResult result = result();

        store.complete(run.id(), done, result, NOW.plusSeconds(5));

        SimulationRun stored = store.find(run.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(SimulationStatus.COMPLETED);
        assertThat(stored.candidate()).isEqualTo(run.candidate());
        assertThat(stored.progress()).isEqualTo(done);
        assertThat(stored.result()).isEqualTo(result);
        assertThat(stored.endedAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(stored.from()).isEqualTo(run.from());
    }

    @Test
    void aHeartbeatRecordsProgressAndTellsWhetherCancellationWasRequested() {
        SimulationRun run = running();
        store.insert(run, instance);
        SimulationProgress progress = SimulationProgress.of(Phase.DECISIONS, 5, 3, 10L);

        assertThat(store.heartbeat(run.id(), progress, NOW.plusSeconds(1))).isFalse();
        assertThat(store.requestCancel(run.id())).isTrue();
        assertThat(store.heartbeat(run.id(), progress, NOW.plusSeconds(2))).isTrue();
        assertThat(store.find(run.id()).orElseThrow().cancelRequested()).isTrue();
        assertThat(store.find(run.id()).orElseThrow().progress()).isEqualTo(progress);
    }

    @Test
    void anEndedRunKeepsHowItEnded() {
        SimulationRun run = running();
        store.insert(run, instance);
        store.cancelled(run.id(), SimulationProgress.QUEUED, NOW.plusSeconds(1));

        store.fail(run.id(), SimulationProgress.QUEUED, "too late", NOW.plusSeconds(2));

        assertThat(store.find(run.id()).orElseThrow().status()).isEqualTo(SimulationStatus.CANCELLED);
        assertThat(store.requestCancel(run.id())).isFalse();
        assertThat(store.heartbeat(run.id(), SimulationProgress.QUEUED, NOW.plusSeconds(3))).isFalse();
    }

    @Test
    void theRunsOfARestartedInstanceEndAsFailed() {
        SimulationRun mine = running();
        SimulationRun another = running();
        store.insert(mine, instance);
        store.insert(another, "another-" + instance);

        assertThat(store.failRunningOf(instance, "interrupted", NOW.plusSeconds(9))).isEqualTo(1);

        assertThat(store.find(mine.id()).orElseThrow().status()).isEqualTo(SimulationStatus.FAILED);
        assertThat(store.find(mine.id()).orElseThrow().error()).isEqualTo("interrupted");
        assertThat(store.find(another.id()).orElseThrow().status()).isEqualTo(SimulationStatus.RUNNING);
    }

    @Test
    void aRunWhoseInstanceFellSilentEndsAsFailed() {
        SimulationRun run = running();
        store.insert(run, instance);
        store.heartbeat(run.id(), SimulationProgress.QUEUED, NOW.plusSeconds(10));

        assertThat(store.failIfSilent(run.id(), NOW.plusSeconds(5), "silent", NOW.plusSeconds(60))).isFalse();
        assertThat(store.failIfSilent(run.id(), NOW.plusSeconds(11), "silent", NOW.plusSeconds(60))).isTrue();
        assertThat(store.find(run.id()).orElseThrow().error()).isEqualTo("silent");
    }

    private static SimulationRun running() {
        return new SimulationRun(UUID.randomUUID().toString(), "acme", SimulationStatus.RUNNING, "operator", NOW,
                NOW.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS), NOW,
                new SimulationCandidate(DefaultPolicies.spec(), "hrs-2"), SimulationProgress.QUEUED, false, null, null,
                null);
    }

    private static SimulationResult result() {
        KpiFigures figures = KpiFigures.of(new KpiCounters(10, 2, 1, 4, 1, 1, new BigDecimal("0.02"),
                new BigDecimal("0.001"), new BigDecimal("8")), new LatencyHistogram().add(140, 10));
        return new SimulationResult(SimulationOutcome.SIMULATED, null, figures, figures,
                new KpiDeltas(0.0, 0.0, BigDecimal.ZERO, 0.0),
                new SimulationCounts(12, 1, 10, 1, Map.of(StrategyName.MICRO_VOTE, 1L), 4, 0.4),
                new DecisionFlips(0, 0), List.of("a note"));
    }
}
