package io.flk.projections.rollout;

import static io.flk.db.Tables.ROLLOUT_SAMPLE;
import static io.flk.projections.hrs.HrsFixtures.freshTenant;
import static io.flk.projections.rollout.SampledTask.labelled;
import static io.flk.projections.rollout.SampledTask.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.rollout.ArmStats;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutQueries.FetchRolloutWindow;
import io.flk.domain.rollout.RolloutSample;
import io.flk.domain.rollout.RolloutWindow;
import io.flk.domain.rollout.RolloutWindows;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RolloutSampleProjectionTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final long SLO_MICROS = 1_000;
    /**
     * Sums of doubles differ in their last bits with the order they are added in, and PostgreSQL adds rows in
     * its own order: sums are equal within this relative error, counts and percentiles exactly.
     */
    private static final double SUM_ORDER_ERROR = 1e-12;

    private final RolloutSampleProjection projection = new RolloutSampleProjection(TestDatabase.get().dsl());
    private final TenantId tenant = freshTenant();

    @Test
    void theWindowComparesTheCanaryWithTheTenantsOtherTasksOverTheSameRange() {
        // control: hrs-1 and a task no HRS scored; p95 400 us, so the latency bound is 400 * 1.5 = 600 us
        verify(task("k1", minutes(1)).micros(100));
        verify(task("k2", minutes(2)).micros(200).escalated());
        label("k2", Verdict.HALLUCINATION, 2.0);
        verify(task("k3", minutes(6)).micros(300).timedOut());
        verify(task("k4", minutes(8)).micros(400));
        label("k4", Verdict.GROUNDED, 1.0);
        verify(task("k5", minutes(3)).micros(250).hrs(null));
        // canary: hrs-2
        verify(task("c1", minutes(1)).hrs("hrs-2").micros(500));
        verify(task("c2", minutes(6)).hrs("hrs-2").micros(700).escalated());
        label("c2", Verdict.HALLUCINATION, 2.0);
        verify(task("c3", minutes(7)).hrs("hrs-2").micros(1_500));
        label("c3", Verdict.GROUNDED, 1.0);
        verify(task("c4", minutes(2)).hrs("hrs-2").micros(50).failed());
        label("c4", Verdict.HALLUCINATION, 2.0);
        verify(task("c5", minutes(9)).hrs("hrs-2").micros(600));
        label("c5", Verdict.UNSURE, 1.0);
        // none of these is in the window: out of range, control group, hard cap, another tenant
        verify(task("late", minutes(10)).hrs("hrs-2").micros(99_999));
        verify(task("early", T0.minusSeconds(1)).hrs("hrs-2").micros(99_999));
        verify(task("baseline", minutes(4)).hrs("hrs-2").micros(99_999).controlGroup());
        label("baseline", Verdict.HALLUCINATION, 2.0);
        verify(task("capped", minutes(4)).hrs("hrs-2").micros(99_999).hardCapped());
        projection.on(task("elsewhere", minutes(4)).hrs("hrs-2").micros(99_999).verified(freshTenant()));

        RolloutWindow window = window(RolloutComponent.HRS_MODEL, "hrs-2", T0, minutes(10), minutes(5), 1.5);

        // tasks, bad, short, short bad, p95, over bound, hallucinations, caught, trusted, cost, cost², trusted cost
        ArmStats canary = new ArmStats(5, 2, 3, 1, 1_500.0, 2, 2, 1, 3, 6.06, 10.14472, 2.036);
        ArmStats control = new ArmStats(5, 1, 2, 1, 400.0, 0, 1, 1, 4, 3.06, 5.07272, 1.048);
        assertEqual(window, new RolloutWindow(T0, minutes(10), minutes(5), SLO_MICROS, 600.0, canary, control));
    }

    @Test
    void aPolicyCanaryIsRecognisedByItsPolicyVersion() {
        verify(task("old-1", minutes(1)).policy(6).micros(100));
        verify(task("old-2", minutes(2)).policy(6).micros(300));
        verify(task("new-1", minutes(3)).policy(7).micros(200).hrs("hrs-2"));

        RolloutWindow window = window(RolloutComponent.ENSEMBLE_POLICY, "7", T0, minutes(10), minutes(5), 1.0);

        assertThat(window.canary().tasks()).isEqualTo(1);
        assertThat(window.control().tasks()).isEqualTo(2);
        assertThat(window.latencyBoundMicros()).isEqualTo(300.0);
        assertThat(window.canary().overLatencyBound()).isZero();
    }

    @Test
    void withoutALatencyGateNoTaskIsOverABound() {
        verify(task("k1", minutes(1)).micros(100));
        verify(task("c1", minutes(1)).hrs("hrs-2").micros(5_000));

        RolloutWindow window = window(RolloutComponent.HRS_MODEL, "hrs-2", T0, minutes(10), minutes(5), null);

        assertThat(window.latencyBoundMicros()).isNull();
        assertThat(window.canary().overLatencyBound()).isZero();
        assertThat(window.canary().latencyP95Micros()).isEqualTo(5_000.0);
    }

    @Test
    void anArmWithoutTasksIsEmptyAndWithoutControlThereIsNoBound() {
        verify(task("c1", minutes(1)).hrs("hrs-2").micros(5_000));

        RolloutWindow onlyCanary = window(RolloutComponent.HRS_MODEL, "hrs-2", T0, minutes(10), minutes(5), 1.5);
        RolloutWindow onlyControl = window(RolloutComponent.HRS_MODEL, "hrs-3", T0, minutes(10), minutes(5), 1.5);

        assertThat(onlyCanary.control()).isEqualTo(ArmStats.EMPTY);
        assertThat(onlyCanary.latencyBoundMicros()).isNull();
        assertThat(onlyCanary.canary().overLatencyBound()).isZero();
        assertThat(onlyControl.canary()).isEqualTo(ArmStats.EMPTY);
        assertThat(onlyControl.latencyBoundMicros()).isEqualTo(7_500.0);
    }

    @Test
    void redeliveredTasksAndLabelsCountOnce() {
        verify(task("c1", minutes(1)).hrs("hrs-2"));
        verify(task("c1", minutes(1)).hrs("hrs-2"));
        label("c1", Verdict.GROUNDED, 1.0);
        label("c1", Verdict.GROUNDED, 1.0);

        ArmStats canary = window(RolloutComponent.HRS_MODEL, "hrs-2", T0, minutes(10), minutes(5), 1.5).canary();

        assertThat(canary.tasks()).isEqualTo(1);
        assertThat(canary.costUsd()).isEqualTo(0.012 + 1.0);
    }

    @Test
    void aLabelOfATaskThatIsNoSampleChangesNothing() {
        label("never-verified", Verdict.HALLUCINATION, 2.0);

        assertThat(TestDatabase.get().dsl().fetchCount(ROLLOUT_SAMPLE, ROLLOUT_SAMPLE.TENANT_ID.eq(tenant.value())))
                .isZero();
    }

    /**
     * The in-memory builder the dry-runs and backtests use must judge what the live saga judges: the same
     * samples give the same window, with and without a latency gate, over the whole range and over part of it.
     */
    @Test
    void theWindowEqualsTheInMemoryBuilderOnRandomSamples() {
        Random random = new Random(6);
        List<RolloutSample> samples = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            samples.addAll(randomTask(random, "r-" + i));
        }

        for (Double ratio : new Double[] {1.3, null}) {
            for (Instant[] range : new Instant[][] {{T0, minutes(60), minutes(50)},
                    {minutes(20), minutes(30), minutes(28)}, {minutes(-10), minutes(70), minutes(69)}}) {
                RolloutWindow sql = window(RolloutComponent.HRS_MODEL, "hrs-2", range[0], range[1], range[2], ratio);
                RolloutWindow memory = RolloutWindows.of(samples, range[0], range[1], range[2], ratio, SLO_MICROS);

                assertThat(sql.canary().tasks()).isPositive();
                assertEqual(sql, memory);
            }
        }
    }

    /** Verifies (and maybe labels) a random task; returns it as a sample, or nothing when it is none. */
    private List<RolloutSample> randomTask(Random random, String taskId) {
        Instant at = T0.plusMillis(random.nextInt(80 * 60_000) - 10 * 60_000);
        double draw = random.nextDouble();
        String hrs = draw < 0.4 ? "hrs-2" : draw < 0.9 ? "hrs-1" : null;
        // latencies on a coarse grid, so that many tasks tie at the percentile, with a slow tail
        long micros = random.nextInt(10) == 0 ? 1_000 + random.nextInt(4_000) : 100 + 20L * random.nextInt(50);
        SampledTask task = task(taskId, at).hrs(hrs).micros(micros)
                .costs(random.nextInt(10_000) / 1e5, random.nextInt(1_000) / 1e6);
        if (random.nextInt(20) == 0) {
            task.timedOut();
        }
        if (random.nextInt(5) == 0) {
            task.escalated();
        }
        boolean controlGroup = random.nextInt(10) == 0;
        if (controlGroup) {
            task.controlGroup();
        }
        TaskVerified verified = task.verified(tenant);
        projection.on(verified);
        double cost = verified.llmCostUsd() + verified.verificationCostUsd();
        Boolean hallucination = null;
        if (random.nextInt(10) < 3) {
            Verdict verdict = Verdict.values()[random.nextInt(Verdict.values().length)];
            double review = random.nextInt(300) / 100.0;
            label(taskId, verdict, review);
            cost += review;
            hallucination = verdict == Verdict.UNSURE ? null : verdict == Verdict.HALLUCINATION;
        }
        return controlGroup ? List.of() : List.of(new RolloutSample(at, "hrs-2".equals(hrs), micros,
                verified.verdicts().stream().anyMatch(verdict -> verdict.timedOut() || verdict.failed()),
                verified.decision() == Decision.ESCALATED, hallucination, cost));
    }

    private RolloutWindow window(RolloutComponent component, String canaryKey, Instant from, Instant to,
                                 Instant shortFrom, Double latencyRatio) {
        return projection.handle(new FetchRolloutWindow(tenant, component, canaryKey, from, to, shortFrom,
                latencyRatio, SLO_MICROS));
    }

    private void verify(SampledTask task) {
        projection.on(task.verified(tenant));
    }

    private void label(String taskId, Verdict verdict, double reviewCostUsd) {
        projection.on(labelled(tenant, taskId, verdict, reviewCostUsd, minutes(30)));
    }

    private static Instant minutes(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static void assertEqual(RolloutWindow actual, RolloutWindow expected) {
        assertThat(actual).usingRecursiveComparison()
                .withComparatorForType(RolloutSampleProjectionTest::compareSums, Double.class)
                .isEqualTo(expected);
        // the bound and the percentiles are values, not sums: exactly equal
        assertThat(actual.latencyBoundMicros()).isEqualTo(expected.latencyBoundMicros());
        assertThat(actual.canary().latencyP95Micros()).isEqualTo(expected.canary().latencyP95Micros());
        assertThat(actual.control().latencyP95Micros()).isEqualTo(expected.control().latencyP95Micros());
    }

    private static int compareSums(Double actual, Double expected) {
        if (actual == null || expected == null) {
            return Objects.equals(actual, expected) ? 0 : 1;
        }
        double scale = Math.max(Math.abs(actual), Math.abs(expected));
        return Math.abs(actual - expected) <= SUM_ORDER_ERROR * scale ? 0
                : Comparator.<Double>naturalOrder().compare(actual, expected);
    }
}
