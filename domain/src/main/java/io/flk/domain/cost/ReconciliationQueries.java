package io.flk.domain.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

public final class ReconciliationQueries {

    private ReconciliationQueries() {
    }

    public record FetchReconciliations(int limit) {
    }

    public record ReconciliationView(String reconciliationId, LocalDate from, LocalDate to, String currency,
                                     BigDecimal internalUsd, BigDecimal importedAllocatedUsd,
                                     BigDecimal unallocatedUsd, Double diffPercent, double thresholdPercent,
                                     boolean exceeded, String trigger, String actor, Instant at) {
    }

    public record ReconciliationList(List<ReconciliationView> reconciliations) {

        public ReconciliationList {
            reconciliations = List.copyOf(reconciliations);
        }
    }
}
