package io.flk.domain.simulation;

import io.flk.domain.verification.Decision;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a replay needs of one recorded decision, with the task's first label and whether its ensemble disagreed.
 * The caller's features and model versions are left out: no simulation reads them.
 *
 * @param budgetHardCapped the tenant's hard cap escalated the task without running the strategies
 * @param disagreed        an {@code EnsembleDisagreed} was recorded for the task
 * @param label            its first human label, or {@code null} when it was never labelled
 */
public record RecordedTask(String taskId, Instant verifiedAt, long policyVersion, boolean controlGroup,
                           Decision decision, List<StrategyVerdict> verdicts, Map<String, Double> hrsShadowRisks,
                           double llmCostUsd, double verificationCostUsd, long decisionMicros,
                           boolean budgetHardCapped, boolean disagreed, RecordedLabel label) {

    public RecordedTask {
        verdicts = List.copyOf(verdicts);
        hrsShadowRisks = hrsShadowRisks == null ? Map.of() : Map.copyOf(hrsShadowRisks);
    }

    public static RecordedTask of(TaskVerified task, boolean disagreed, RecordedLabel label) {
        return new RecordedTask(task.taskId(), task.verifiedAt(), task.policyVersion(), task.controlGroup(),
                task.decision(), task.verdicts(), task.hrsShadowRisks(), task.llmCostUsd(),
                task.verificationCostUsd(), task.decisionMicros(), task.budgetHardCap() != null, disagreed, label);
    }

    /** The recorded verdict of {@code strategy}, or {@code null} when it did not run on this task. */
    public StrategyVerdict verdict(StrategyName strategy) {
        for (StrategyVerdict verdict : verdicts) {
            if (verdict.strategy() == strategy) {
                return verdict;
            }
        }
        return null;
    }

    /** The slowest strategy that ran: the strategies run in parallel, so it bounded the decision's latency. */
    public long slowestStrategyMicros() {
        long slowest = 0;
        for (StrategyVerdict verdict : verdicts) {
            slowest = Math.max(slowest, verdict.latencyMicros());
        }
        return slowest;
    }

    /** A strategy failed or timed out. Which strategies had a say is not recorded, so every one that ran counts. */
    public boolean strategyFailed() {
        for (StrategyVerdict verdict : verdicts) {
            if (verdict.failed() || verdict.timedOut()) {
                return true;
            }
        }
        return false;
    }
}
