package io.flk.commands.cost;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.flk.domain.cost.Reconciliation;
import io.flk.domain.cost.ReconciliationCommands.RunReconciliation;
import io.flk.domain.cost.ReconciliationEvent.ReconciliationCompleted;
import io.flk.domain.cost.ReconciliationEvent.ReconciliationDiffExceeded;
import io.flk.domain.cost.ReconciliationId;
import io.flk.domain.shared.InvalidValue;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One reconciliation run: decides the diff from the costs it is given and records it, with the alert when the
 * diff is beyond the threshold. A run is immutable once recorded.
 */
@Aggregate
public class ReconciliationRun {

    @AggregateIdentifier
    private ReconciliationId reconciliationId;

    protected ReconciliationRun() {
    }

    @CommandHandler
    public ReconciliationRun(RunReconciliation command) {
        double threshold = command.thresholdPercent();
        if (!(threshold > 0 && threshold <= 100)) {
            throw new InvalidValue("thresholdPercent", "thresholdPercent must be within (0, 100]");
        }
        Reconciliation.Result result = Reconciliation.reconcile(command.input());
        apply(new ReconciliationCompleted(command.reconciliationId(), result.from(), result.to(), result.currency(),
                result.internalUsd(), result.importedAllocatedUsd(), result.unallocatedUsd(), result.diffPercent(),
                threshold, result.otherCurrencyLines(), result.lines(), command.trigger(), command.actor(),
                command.at()));
        if (result.exceeds(threshold)) {
            apply(new ReconciliationDiffExceeded(command.reconciliationId(), result.from(), result.to(),
                    result.internalUsd(), result.importedAllocatedUsd(), result.diffPercent(), threshold,
                    command.at()));
        }
    }

    @EventSourcingHandler
    void on(ReconciliationCompleted event) {
        reconciliationId = event.reconciliationId();
    }
}
