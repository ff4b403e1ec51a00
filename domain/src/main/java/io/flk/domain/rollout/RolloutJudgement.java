package io.flk.domain.rollout;

import java.util.List;

/**
 * The verdict of every enabled gate at one look, and the action they add up to.
 *
 * @param fastBurn     the canary burned its error budget fast in both windows while its control did not
 * @param decidingGate the gate whose verdict chose the action, {@code null} when no single gate did
 * @param shareAfter   the canary share after the action: 1 completes the rollout, 0 rolls it back
 * @param reason       the rule that chose the action, in words
 */
public record RolloutJudgement(List<GateResult> gates, boolean fastBurn, RolloutAction action, GateKind decidingGate,
                               double shareBefore, double shareAfter, String reason) {

    public RolloutJudgement {
        gates = List.copyOf(gates);
    }
}
