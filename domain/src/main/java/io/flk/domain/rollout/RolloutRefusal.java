package io.flk.domain.rollout;

/** Why a rollout command was refused; each refusal is recorded as {@code RolloutRefused} for the audit. */
public enum RolloutRefusal {
    /** Another rollout of the same tenant and component is pending, starting, running or paused. */
    ROLLOUT_IN_PROGRESS,
    /** The approver is the principal who requested the rollout, or does not hold the approver role. */
    SELF_APPROVAL,
    /** The rollout is not in a state that allows the command (approve a running one, resume a running one...). */
    WRONG_STATE,
    /** No rollout with that id on this tenant and component. */
    UNKNOWN_ROLLOUT
}
