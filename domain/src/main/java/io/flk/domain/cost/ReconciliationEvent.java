package io.flk.domain.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The outcome of a reconciliation run, with every figure behind it. */
public sealed interface ReconciliationEvent {

    ReconciliationId reconciliationId();

    /**
     * @param diffPercent (internal - imported allocated) / imported allocated in percent; null without a bill
     * @param lines       internal and imported cost per day, tenant (null: unallocated) and service
     */
    @Revision("1")
    record ReconciliationCompleted(ReconciliationId reconciliationId, LocalDate from, LocalDate to, String currency,
                                   BigDecimal internalUsd, BigDecimal importedAllocatedUsd, BigDecimal unallocatedUsd,
                                   Double diffPercent, double thresholdPercent, int otherCurrencyLines,
                                   List<Reconciliation.Line> lines, String trigger, String actor, Instant at)
            implements ReconciliationEvent {

        public ReconciliationCompleted {
            lines = List.copyOf(lines);
        }
    }

    /** The alert: internal and billed cost differ by more than the threshold. */
    @Revision("1")
    record ReconciliationDiffExceeded(ReconciliationId reconciliationId, LocalDate from, LocalDate to,
                                      BigDecimal internalUsd, BigDecimal importedAllocatedUsd, double diffPercent,
                                      double thresholdPercent, Instant at) implements ReconciliationEvent {
    }
}
