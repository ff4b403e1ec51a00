package io.flk.commands.verification;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.flk.domain.escalation.EscalationId;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.TaskCommands.LabelTaskFromEscalation;
import io.flk.domain.verification.TaskCommands.ReviewTask;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.TaskRef;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A task after its verification. It is born from {@link TaskVerified}, which the hot path appends in group
 * commits rather than through a command handler; from then on it takes labels. Invariants: a task gets
 * one label; a sampled review applies to a passed task only (an escalated task is judged through its
 * escalation); an escalation labels only the task that opened it.
 */
@Aggregate
public class VerifiedTask {

    @AggregateIdentifier
    private TaskRef task;
    private Decision decision;
    private EscalationId escalationId;
    private boolean labelled;

    protected VerifiedTask() {
    }

    @CommandHandler
    public void handle(ReviewTask command) {
        if (decision != Decision.PASS) {
            throw new BusinessRuleViolation("task-not-passed",
                    "task " + task.taskId() + " was escalated; its escalation " + escalationId + " labels it");
        }
        if (labelled) {
            throw new BusinessRuleViolation("task-already-labelled", "task " + task.taskId() + " is already labelled");
        }
        apply(new TaskLabelled(task.tenantId(), task.taskId(), command.verdict(), LabelSource.REVIEW, null,
                command.reviewer(), command.reviewCostUsd(), command.at()));
    }

    @CommandHandler
    public void handle(LabelTaskFromEscalation command) {
        if (!command.escalationId().equals(escalationId)) {
            throw new BusinessRuleViolation("not-the-tasks-escalation",
                    "escalation " + command.escalationId() + " was not opened by task " + task.taskId());
        }
        if (labelled) {
            return;
        }
        apply(new TaskLabelled(task.tenantId(), task.taskId(), command.verdict(), LabelSource.ESCALATION,
                escalationId, command.reviewer(), command.reviewCostUsd(), command.at()));
    }

    @EventSourcingHandler
    void on(TaskVerified event) {
        task = event.task();
        decision = event.decision();
        escalationId = event.escalationId();
    }

    @EventSourcingHandler
    void on(TaskLabelled event) {
        labelled = true;
    }
}
