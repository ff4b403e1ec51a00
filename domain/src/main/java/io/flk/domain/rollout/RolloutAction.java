package io.flk.domain.rollout;

/** What a judged step does to the canary share. */
public enum RolloutAction {
    /** Every required gate passed: a larger share, by a step that grows with the strength of the evidence. */
    ADVANCE,
    /** Not enough evidence yet, and nothing looks wrong: keep the share and keep collecting. */
    HOLD,
    /** Not proven bad, but a gate's estimate is beyond its bound: a smaller share while the evidence builds. */
    SHRINK,
    /** A gate failed, or the error budget burns fast: the canary is withdrawn. */
    ROLLBACK
}
