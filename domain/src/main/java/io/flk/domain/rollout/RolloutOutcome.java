package io.flk.domain.rollout;

/**
 * The answer to a rollout command. A refusal is recorded as an event and returned here rather than thrown,
 * because throwing would roll the audit event back.
 *
 * @param refusal {@code null} when the command was accepted
 * @param version the lane aggregate's version after the command
 */
public record RolloutOutcome(RolloutId rolloutId, RolloutRefusal refusal, String detail, RolloutStatus status,
                             int step, double share, long version) {

    public boolean accepted() {
        return refusal == null;
    }
}
