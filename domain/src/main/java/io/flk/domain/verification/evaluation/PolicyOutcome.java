package io.flk.domain.verification.evaluation;

import io.flk.domain.verification.CostModel;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.EnsembleRules;
import java.util.List;

/**
 * What a policy did to a set of labelled tasks. Positive = hallucinated; escalating is predicting positive.
 *
 * @param escaped  hallucinated tasks the policy passed
 * @param caught   hallucinated tasks it escalated
 * @param costUsd  LLM calls, strategies and human reviews of escalations
 * @param unanimous tasks on which the policy's strategies voted unanimously
 */
public record PolicyOutcome(int tasks, int hallucinated, int escalated, int caught, int escaped, double costUsd,
                            int unanimous) {

    public static PolicyOutcome judge(EnsembleRules rules, List<ScoredTask> tasks, CostModel costs,
                                      double llmUsdPerTask) {
        int hallucinated = 0;
        int escalated = 0;
        int caught = 0;
        int escaped = 0;
        int unanimous = 0;
        double cost = 0;
        for (ScoredTask task : tasks) {
            boolean escalates = task.vote(rules, costs).decision() == Decision.ESCALATED;
            hallucinated += task.hallucinated() ? 1 : 0;
            escalated += escalates ? 1 : 0;
            caught += escalates && task.hallucinated() ? 1 : 0;
            escaped += !escalates && task.hallucinated() ? 1 : 0;
            unanimous += task.unanimous(rules) ? 1 : 0;
            cost += task.costUsd(rules, costs, llmUsdPerTask);
        }
        return new PolicyOutcome(tasks.size(), hallucinated, escalated, caught, escaped, cost, unanimous);
    }

    /** Escalated tasks that were hallucinated (1 when nothing was escalated). */
    public double precision() {
        return escalated == 0 ? 1 : (double) caught / escalated;
    }

    /** Hallucinated tasks that were escalated: the containment rate (1 when there were none). */
    public double recall() {
        return hallucinated == 0 ? 1 : (double) caught / hallucinated;
    }

    public double agreement() {
        return tasks == 0 ? 1 : (double) unanimous / tasks;
    }

    /** Relative fall of escaped hallucinations against {@code baseline}: 0.4 means 40 % fewer. */
    public double escapedReductionVersus(PolicyOutcome baseline) {
        return baseline.escaped == 0 ? 0 : 1 - (double) escaped / baseline.escaped;
    }

    /** Relative extra cost against {@code baseline}: 0.07 means 7 % more. */
    public double incrementalCostVersus(PolicyOutcome baseline) {
        return baseline.costUsd == 0 ? 0 : costUsd / baseline.costUsd - 1;
    }
}
