package io.flk.domain.verification;

import io.flk.domain.escalation.EscalationId;
import io.flk.domain.escalation.Verdict;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a task that was verified (the verification itself is recorded by the group-commit path). */
public final class TaskCommands {

    private TaskCommands() {
    }

    /** A sampled human review of a task that passed. */
    public record ReviewTask(@TargetAggregateIdentifier TaskRef task, Verdict verdict, String reviewer,
                             double reviewCostUsd, Instant at) {
    }

    /** The verdict of the task's resolved escalation becomes its label. */
    public record LabelTaskFromEscalation(@TargetAggregateIdentifier TaskRef task, EscalationId escalationId,
                                          Verdict verdict, String reviewer, double reviewCostUsd, Instant at) {
    }
}
