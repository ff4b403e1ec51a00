package io.flk.domain.rollout;

/**
 * How gate verdicts combine into one action. In both a FAIL rolls back. ALL_OF advances only when every enabled
 * gate passes. PRIORITY follows {@link RolloutPlan#priority()}: the first gate with a conclusive verdict decides,
 * so a gate that waits for slow evidence (labels) does not hold a rollout that faster gates have cleared.
 */
public enum Combination {
    ALL_OF,
    PRIORITY
}
