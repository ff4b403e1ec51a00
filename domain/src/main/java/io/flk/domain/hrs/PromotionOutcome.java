package io.flk.domain.hrs;

/**
 * The answer to a promotion command. A refusal is recorded as an event and returned here rather than thrown,
 * because throwing would roll the audit event back.
 *
 * @param refusal {@code null} when the command was accepted
 * @param routing the routing after the command
 * @param version the aggregate version after the command
 */
public record PromotionOutcome(PromotionRequestId requestId, PromotionRefusal refusal, String detail,
                               HrsRouting routing, long version) {

    public boolean accepted() {
        return refusal == null;
    }
}
