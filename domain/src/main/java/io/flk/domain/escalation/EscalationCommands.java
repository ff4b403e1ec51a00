package io.flk.domain.escalation;

import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Commands of the {@code Escalation} aggregate. The caller resolves the tenant's SLA and passes it in,
 * together with the actor and the time, so that the aggregate decides without clocks or look-ups.
 */
public final class EscalationCommands {

    private EscalationCommands() {
    }

    public record OpenEscalation(@TargetAggregateIdentifier EscalationId escalationId, TenantId tenantId,
                                 String taskId, String reason, Double risk, Duration sla,
                                 String actor, Instant at) {
    }

    public record AssignEscalation(@TargetAggregateIdentifier EscalationId escalationId, String assignee,
                                   @TargetAggregateVersion Long expectedVersion, String actor, Instant at) {
    }

    /**
     * @param reviewerIsApprover whether the reviewer holds the approver role, which lets them resolve
     *                           an escalation assigned to somebody else
     */
    public record ResolveEscalation(@TargetAggregateIdentifier EscalationId escalationId, Verdict verdict,
                                    String note, String reviewer, boolean reviewerIsApprover,
                                    @TargetAggregateVersion Long expectedVersion, Instant at) {
    }
}
