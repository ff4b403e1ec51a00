package io.flk.domain.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A backtest harness: synthetic traffic over simulated time, split between canary and control by the current
 * share, looked at every check interval by {@link RolloutJudge}, whose action is applied as the lane would apply
 * it: a new step collects from the look that started it, a rollback ends the rollout, share 1 completes it.
 */
final class SimulatedRollout {

    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    /**
     * How one arm behaves.
     *
     * @param latencyMedianMicros median decision latency; latencies are lognormal with {@code latencySigma}
     * @param containment         share of hallucinations the arm escalates
     * @param costUsd             mean cost of a task; costs are lognormal with a spread of 30 %
     */
    record Arm(double latencyMedianMicros, double latencySigma, double strategyFailureRate, double containment,
               double falseEscalationRate, double costUsd) {

        static Arm baseline() {
            return new Arm(4_000, 0.4, 0.002, 0.9, 0.05, 0.002);
        }

        Arm slowerBy(double factor) {
            return new Arm(latencyMedianMicros * factor, latencySigma, strategyFailureRate, containment,
                    falseEscalationRate, costUsd);
        }

        Arm withContainment(double rate) {
            return new Arm(latencyMedianMicros, latencySigma, strategyFailureRate, rate, falseEscalationRate, costUsd);
        }

        Arm withStrategyFailures(double rate) {
            return new Arm(latencyMedianMicros, latencySigma, rate, containment, falseEscalationRate, costUsd);
        }
    }

    /**
     * @param hallucinationRate share of tasks that are hallucinations, whatever the arm
     * @param labelRate         share of tasks a human labels, at once (labels that arrive later only slow the
     *                          containment gate down)
     */
    record Traffic(int tasksPerSecond, double hallucinationRate, double labelRate) {
    }

    record Look(Duration at, int step, double share, long canaryTasks, RolloutJudgement judgement) {
    }

    enum Outcome {
        COMPLETED,
        ROLLED_BACK,
        PAUSED,
        UNFINISHED
    }

    record Trajectory(long seed, List<Look> looks, Outcome outcome) {

        /** Share moves that advanced, in order. */
        List<Double> advances() {
            return looks.stream().filter(l -> l.judgement().action() == RolloutAction.ADVANCE)
                    .map(l -> l.judgement().shareAfter() - l.judgement().shareBefore()).toList();
        }

        int steps() {
            return looks.isEmpty() ? 0 : looks.get(looks.size() - 1).step();
        }

        /** The largest canary share the rollout ever routed. */
        double maxShare() {
            return looks.stream().mapToDouble(l -> Math.max(l.share(), l.judgement().shareAfter())).max().orElse(0);
        }

        Look last() {
            return looks.get(looks.size() - 1);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("seed " + seed + ": " + outcome + " after " + steps() + " steps, "
                    + looks.size() + " looks");
            for (Look look : looks) {
                if (look.judgement().action() != RolloutAction.HOLD || look == last()) {
                    text.append(String.format("%n  %5ds step %d %.3f -> %.3f %s (%d canary tasks): %s",
                            look.at().toSeconds(), look.step(), look.judgement().shareBefore(),
                            look.judgement().shareAfter(), look.judgement().action(), look.canaryTasks(),
                            look.judgement().reason()));
                }
            }
            return text.toString();
        }
    }

    private final RolloutPlan plan;
    private final Traffic traffic;
    private final Arm control;
    private final Arm canary;

    SimulatedRollout(RolloutPlan plan, Traffic traffic, Arm control, Arm canary) {
        this.plan = plan.validated();
        this.traffic = traffic;
        this.control = control;
        this.canary = canary;
    }

    Trajectory run(long seed, Duration limit) {
        Random random = new Random(seed);
        List<Look> looks = new ArrayList<>();
        List<RolloutSample> step = new ArrayList<>();
        double share = plan.initialShare();
        int stepNumber = 1;
        Instant stepStartedAt = START;
        Instant now = START;
        Double latencyRatio = plan.latency() == null ? null : plan.latency().maxP95Ratio();
        long sloMicros = plan.errorBudget() == null ? Long.MAX_VALUE : plan.errorBudget().sloLatencyMillis() * 1_000;
        Duration shortWindow = plan.errorBudget() == null ? plan.maxStepDuration() : plan.errorBudget().shortWindow();
        long tasksPerLook = plan.checkInterval().toMillis() * traffic.tasksPerSecond() / 1_000;
        while (now.isBefore(START.plus(limit))) {
            for (long i = 0; i < tasksPerLook; i++) {
                Instant at = now.plusNanos(i * plan.checkInterval().toNanos() / tasksPerLook);
                step.add(sample(random, at, random.nextDouble() < share));
            }
            now = now.plus(plan.checkInterval());
            RolloutWindow window = RolloutWindows.of(step, stepStartedAt, now, now.minus(shortWindow), latencyRatio,
                    sloMicros);
            RolloutJudgement judgement = RolloutJudge.judge(plan,
                    new RolloutProgress(stepNumber, share, stepStartedAt, now), window);
            looks.add(new Look(Duration.between(START, now), stepNumber, share, window.canary().tasks(), judgement));
            switch (judgement.action()) {
                case ROLLBACK -> {
                    return new Trajectory(seed, looks, Outcome.ROLLED_BACK);
                }
                case ADVANCE, SHRINK -> {
                    share = judgement.shareAfter();
                    if (share >= 1) {
                        return new Trajectory(seed, looks, Outcome.COMPLETED);
                    }
                    stepNumber++;
                    stepStartedAt = now;
                    step.clear();
                }
                case HOLD -> {
                    boolean capped = Duration.between(stepStartedAt, now).compareTo(plan.maxStepDuration()) >= 0;
                    if (capped && plan.onInconclusive() == InconclusiveAction.PAUSE) {
                        return new Trajectory(seed, looks, Outcome.PAUSED);
                    }
                }
            }
        }
        return new Trajectory(seed, looks, Outcome.UNFINISHED);
    }

    private RolloutSample sample(Random random, Instant at, boolean isCanary) {
        Arm arm = isCanary ? canary : control;
        long latency = Math.round(arm.latencyMedianMicros() * Math.exp(arm.latencySigma() * random.nextGaussian()));
        boolean failed = random.nextDouble() < arm.strategyFailureRate();
        boolean hallucination = random.nextDouble() < traffic.hallucinationRate();
        boolean escalated = random.nextDouble() < (hallucination ? arm.containment() : arm.falseEscalationRate());
        Boolean label = random.nextDouble() < traffic.labelRate() ? hallucination : null;
        double cost = arm.costUsd() * Math.exp(0.3 * random.nextGaussian() - 0.045);
        return new RolloutSample(at, isCanary, latency, failed, escalated, label, cost);
    }
}
