package io.flk.domain.rollout;

import java.time.Instant;

/** Hand-built arm statistics: each factory fills only what one gate reads. */
final class TestArms {

    static final Instant FROM = Instant.parse("2026-03-01T10:00:00Z");

    private TestArms() {
    }

    static ArmStats latency(long tasks, long overBound, double p95Micros) {
        return new ArmStats(tasks, 0, 0, 0, p95Micros, overBound, 0, 0, 0, 0, 0, 0);
    }

    static ArmStats burn(long tasks, long bad, long shortTasks, long shortBad) {
        return new ArmStats(tasks, bad, shortTasks, shortBad, null, 0, 0, 0, 0, 0, 0, 0);
    }

    static ArmStats labels(long labelled, long caught) {
        return new ArmStats(labelled, 0, 0, 0, null, 0, labelled, caught, 0, 0, 0, 0);
    }

    /** Every task costs {@code costPerTask}: the cost variance is then the trusted share's alone. */
    static ArmStats costs(long tasks, long trusted, double costPerTask) {
        return new ArmStats(tasks, 0, 0, 0, null, 0, 0, 0, trusted, tasks * costPerTask,
                tasks * costPerTask * costPerTask, trusted * costPerTask);
    }

    /** Tasks that satisfy every default gate's data needs, with the given shares of trouble. */
    static ArmStats arm(long tasks, double badShare, double slowShare, long labelled, double containment,
                        double costPerTask) {
        long bad = Math.round(tasks * badShare);
        long trusted = Math.round(tasks * 0.85);
        return new ArmStats(tasks, bad, tasks / 4, bad / 4, 5_000.0, Math.round(tasks * slowShare), labelled,
                Math.round(labelled * containment), trusted, tasks * costPerTask, tasks * costPerTask * costPerTask,
                trusted * costPerTask);
    }

    static RolloutWindow window(ArmStats canary, ArmStats control) {
        return new RolloutWindow(FROM, FROM.plusSeconds(600), FROM.plusSeconds(300), 1_000_000,
                control.tasks() == 0 ? null : 6_000.0, canary, control);
    }
}
