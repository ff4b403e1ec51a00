package io.flk.commands.escalation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import io.flk.domain.escalation.EscalationCommands.AssignEscalation;
import io.flk.domain.escalation.EscalationCommands.OpenEscalation;
import io.flk.domain.escalation.EscalationCommands.ResolveEscalation;
import io.flk.domain.escalation.EscalationEvent.EscalationAssigned;
import io.flk.domain.escalation.EscalationEvent.EscalationOpened;
import io.flk.domain.escalation.EscalationEvent.EscalationResolved;
import io.flk.domain.escalation.EscalationEvent.EscalationSlaBreached;
import io.flk.domain.escalation.EscalationId;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A task that a human must judge. Invariants: it is resolved at most once; only its assignee or an
 * approver resolves it; a resolved escalation cannot be reassigned. When it stays unresolved past
 * the tenant's SLA, the SLA deadline records a breach.
 */
@Aggregate
public class Escalation {

    public static final String SLA_DEADLINE = "escalation-sla";

    @AggregateIdentifier
    private EscalationId escalationId;
    private TenantId tenantId;
    private String taskId;
    private String assignee;
    private Instant openedAt;
    private Instant slaDueAt;
    private boolean resolved;
    private boolean slaBreached;

    protected Escalation() {
    }

    @CommandHandler
    public Escalation(OpenEscalation command, DeadlineManager deadlineManager) {
        Instant slaDueAt = command.at().plus(command.sla());
        apply(new EscalationOpened(command.escalationId(), command.tenantId(), command.taskId(), command.reason(),
                command.risk(), command.at(), slaDueAt, command.actor()));
        deadlineManager.schedule(slaDueAt, SLA_DEADLINE);
    }

    @CommandHandler
    public long handle(AssignEscalation command) {
        if (resolved) {
            throw new BusinessRuleViolation("escalation-resolved",
                    "escalation " + escalationId + " is resolved and cannot be assigned");
        }
        if (!command.assignee().equals(assignee)) {
            apply(new EscalationAssigned(escalationId, tenantId, command.assignee(), assignee, command.actor(),
                    command.at()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(ResolveEscalation command, DeadlineManager deadlineManager) {
        if (resolved) {
            throw new BusinessRuleViolation("escalation-resolved", "escalation " + escalationId + " is already resolved");
        }
        boolean isAssignee = command.reviewer().equals(assignee);
        if (!isAssignee && !command.reviewerIsApprover()) {
            throw new BusinessRuleViolation("not-the-assignee",
                    "only the assignee or an approver may resolve escalation " + escalationId);
        }
        apply(new EscalationResolved(escalationId, tenantId, taskId, command.verdict(), command.note(),
                command.reviewer(), openedAt, command.at()));
        deadlineManager.cancelAllWithinScope(SLA_DEADLINE);
        return getVersion();
    }

    @DeadlineHandler(deadlineName = SLA_DEADLINE)
    void onSlaDeadline() {
        if (!resolved && !slaBreached) {
            apply(new EscalationSlaBreached(escalationId, tenantId, taskId, slaDueAt));
        }
    }

    @EventSourcingHandler
    void on(EscalationOpened event) {
        escalationId = event.escalationId();
        tenantId = event.tenantId();
        taskId = event.taskId();
        openedAt = event.openedAt();
        slaDueAt = event.slaDueAt();
    }

    @EventSourcingHandler
    void on(EscalationAssigned event) {
        assignee = event.assignee();
    }

    @EventSourcingHandler
    void on(EscalationResolved event) {
        resolved = true;
    }

    @EventSourcingHandler
    void on(EscalationSlaBreached event) {
        slaBreached = true;
    }
}
