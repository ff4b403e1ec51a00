package io.flk.domain.cost;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public final class ReconciliationCommands {

    private ReconciliationCommands() {
    }

    /**
     * Reconciles the given internal and imported costs and records the outcome.
     *
     * @param trigger {@code nightly} or {@code on-demand}
     */
    public record RunReconciliation(@TargetAggregateIdentifier ReconciliationId reconciliationId,
                                    Reconciliation.Input input, double thresholdPercent, String trigger, String actor,
                                    Instant at) {
    }
}
