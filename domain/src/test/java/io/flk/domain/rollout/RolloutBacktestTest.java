package io.flk.domain.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.domain.rollout.SimulatedRollout.Arm;
import io.flk.domain.rollout.SimulatedRollout.Outcome;
import io.flk.domain.rollout.SimulatedRollout.Traffic;
import io.flk.domain.rollout.SimulatedRollout.Trajectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Backtests of the gate logic on synthetic traffic, with {@link RolloutPlan#defaults()} unchanged: 5 % first,
 * steps of 5 to 25 %, 200 canary tasks per step, a look every 30 s, a 30 min cap. Traffic is 20 tasks/s, a
 * fifth of them hallucinations, and every task is labelled at once (later labels would only slow the
 * containment gate). The control arm is {@link Arm#baseline()} throughout.
 */
class RolloutBacktestTest {

    private static final RolloutPlan PLAN = RolloutPlan.defaults();
    private static final Traffic TRAFFIC = new Traffic(20, 0.2, 1.0);
    private static final Duration LIMIT = Duration.ofHours(6);

    private static List<Trajectory> run(Arm canary, int seeds) {
        SimulatedRollout rollout = new SimulatedRollout(PLAN, TRAFFIC, Arm.baseline(), canary);
        return LongStream.rangeClosed(1, seeds).mapToObj(seed -> rollout.run(seed, LIMIT)).toList();
    }

    private static IntSummaryStatistics steps(List<Trajectory> trajectories) {
        return trajectories.stream().mapToInt(Trajectory::steps).summaryStatistics();
    }

    @Test
    void aHealthyCanaryReachesAllTrafficInSeveralStepsOfVaryingSize() {
        List<Trajectory> trajectories = run(Arm.baseline(), 10);
        System.out.println(trajectories.get(0));

        for (Trajectory trajectory : trajectories) {
            assertThat(trajectory.outcome()).as(trajectory.toString()).isEqualTo(Outcome.COMPLETED);
            assertThat(trajectory.steps()).isGreaterThan(1);
            List<Double> advances = trajectory.advances();
            assertThat(advances.subList(0, advances.size() - 1))
                    .allSatisfy(by -> assertThat(by).isBetween(PLAN.minStep() - 1e-9, PLAN.maxStep() + 1e-9));
            assertThat(advances.stream().map(by -> Math.round(by * 1_000)).distinct().count())
                    .as("adaptive steps").isGreaterThan(1);
        }
        System.out.println("healthy canary, steps to 100 %: " + steps(trajectories));
    }

    @Test
    void aLatencyRegressionIsRolledBackWithinThreeLooksOfEnoughSamplesAndNeverAdvances() {
        List<Trajectory> trajectories = run(Arm.baseline().slowerBy(2), 50);
        System.out.println(trajectories.get(0));

        List<Integer> looksAfterEnoughSamples = new ArrayList<>();
        for (Trajectory trajectory : trajectories) {
            assertThat(trajectory.outcome()).as(trajectory.toString()).isEqualTo(Outcome.ROLLED_BACK);
            assertThat(trajectory.last().judgement().decidingGate()).isEqualTo(GateKind.LATENCY);
            assertThat(trajectory.maxShare()).isEqualTo(PLAN.initialShare());
            int enough = firstLookWithAnEstimate(trajectory, GateKind.LATENCY);
            looksAfterEnoughSamples.add(trajectory.looks().size() - 1 - enough);
        }
        System.out.println("latency regression, looks from enough samples to the rollback: "
                + looksAfterEnoughSamples.stream().mapToInt(Integer::intValue).summaryStatistics());
        assertThat(looksAfterEnoughSamples).allSatisfy(looks -> assertThat(looks).isLessThanOrEqualTo(3));
    }

    @Test
    void aContainmentRegressionIsRolledBackBeforeItReachesAllTraffic() {
        // The canary escalates 60 % of hallucinations, its control 90 %.
        List<Trajectory> trajectories = run(Arm.baseline().withContainment(0.6), 50);
        System.out.println(trajectories.get(0));

        for (Trajectory trajectory : trajectories) {
            assertThat(trajectory.outcome()).as(trajectory.toString()).isEqualTo(Outcome.ROLLED_BACK);
            assertThat(trajectory.last().judgement().decidingGate()).isEqualTo(GateKind.CONTAINMENT);
        }
        System.out.println("containment regression, steps to the rollback: " + steps(trajectories)
                + ", largest share reached: " + trajectories.stream().mapToDouble(Trajectory::maxShare)
                .summaryStatistics());
    }

    @Test
    void withNoRealDifferenceFalseRollbacksStayWithinAlpha() {
        int seeds = 200;
        List<Trajectory> trajectories = run(Arm.baseline(), seeds);

        long rolledBack = trajectories.stream().filter(t -> t.outcome() == Outcome.ROLLED_BACK).count();
        long completed = trajectories.stream().filter(t -> t.outcome() == Outcome.COMPLETED).count();
        double rate = (double) rolledBack / seeds;
        System.out.printf("no real difference: %d of %d rollouts rolled back (rate %.3f, alpha %.2f), %d completed;"
                + " steps %s, looks %s%n", rolledBack, seeds, rate, PLAN.alpha(), completed, steps(trajectories),
                trajectories.stream().mapToInt(t -> t.looks().size()).summaryStatistics());
        assertThat(rate).isLessThanOrEqualTo(PLAN.alpha());
    }

    @Test
    void aFastErrorBudgetBurnRollsBackAtTheFirstLook() {
        List<Trajectory> trajectories = run(Arm.baseline().withStrategyFailures(0.5), 20);
        System.out.println(trajectories.get(0));

        for (Trajectory trajectory : trajectories) {
            assertThat(trajectory.looks()).hasSize(1);
            RolloutJudgement judgement = trajectory.last().judgement();
            assertThat(judgement.fastBurn()).isTrue();
            assertThat(judgement.action()).isEqualTo(RolloutAction.ROLLBACK);
            assertThat(judgement.decidingGate()).isEqualTo(GateKind.ERROR_BUDGET);
        }
    }

    private static int firstLookWithAnEstimate(Trajectory trajectory, GateKind gate) {
        for (int i = 0; i < trajectory.looks().size(); i++) {
            boolean estimated = trajectory.looks().get(i).judgement().gates().stream()
                    .anyMatch(g -> g.gate() == gate && g.estimate() != null);
            if (estimated) {
                return i;
            }
        }
        throw new AssertionError("the " + gate + " gate never had its data: " + trajectory);
    }
}
