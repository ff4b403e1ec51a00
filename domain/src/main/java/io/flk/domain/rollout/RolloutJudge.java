package io.flk.domain.rollout;

/**
 * The gate logic: judges a step from its window alone, so a dry-run over recorded traffic and the live saga
 * reach the same action from the same numbers.
 */
public final class RolloutJudge {

    private RolloutJudge() {
    }

    public static RolloutJudgement judge(RolloutPlan plan, RolloutProgress progress, RolloutWindow window) {
        throw new UnsupportedOperationException("contract only: implemented by the gates slice");
    }
}
