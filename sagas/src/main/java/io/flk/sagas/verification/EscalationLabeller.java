package io.flk.sagas.verification;

import io.flk.domain.escalation.EscalationEvent.EscalationResolved;
import io.flk.domain.verification.CostModel;
import io.flk.domain.verification.TaskCommands.LabelTaskFromEscalation;
import io.flk.domain.verification.TaskRef;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A resolved escalation labels the task that opened it. Escalations opened by hand for tasks this service
 * never verified carry a random id, not their task's derived one, and label nothing.
 */
@Component
@ProcessingGroup(EscalationLabeller.GROUP)
@DisallowReplay
public class EscalationLabeller {

    public static final String GROUP = "verification-labels";

    private final CommandGateway commands;
    private final CostModel costs;

    public EscalationLabeller(CommandGateway commands, CostModel costs) {
        this.commands = commands;
        this.costs = costs;
    }

    @EventHandler
    void on(EscalationResolved resolved) {
        TaskRef task = TaskRef.of(resolved.tenantId(), resolved.taskId());
        if (task.escalationId().equals(resolved.escalationId())) {
            commands.sendAndWait(new LabelTaskFromEscalation(task, resolved.escalationId(), resolved.verdict(),
                    resolved.reviewer(), costs.humanReviewUsd(), resolved.resolvedAt()));
        }
    }
}
