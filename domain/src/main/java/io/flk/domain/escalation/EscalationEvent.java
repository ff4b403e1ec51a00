package io.flk.domain.escalation;

import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Everything that happens to an escalation, each a complete fact for projections and auditors. */
public sealed interface EscalationEvent {

    EscalationId escalationId();

    TenantId tenantId();

    @Revision("1")
    record EscalationOpened(EscalationId escalationId, TenantId tenantId, String taskId, String reason,
                            Double risk, Instant openedAt, Instant slaDueAt, String openedBy)
            implements EscalationEvent {
    }

    @Revision("1")
    record EscalationAssigned(EscalationId escalationId, TenantId tenantId, String assignee,
                              String previousAssignee, String assignedBy, Instant at) implements EscalationEvent {
    }

    @Revision("1")
    record EscalationResolved(EscalationId escalationId, TenantId tenantId, String taskId, Verdict verdict,
                              String note, String reviewer, Instant openedAt, Instant resolvedAt)
            implements EscalationEvent {
    }

    /** Raised by the SLA deadline; the event's own timestamp says when the breach was noticed. */
    @Revision("1")
    record EscalationSlaBreached(EscalationId escalationId, TenantId tenantId, String taskId, Instant slaDueAt)
            implements EscalationEvent {
    }
}
