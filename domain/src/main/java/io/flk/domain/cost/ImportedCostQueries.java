package io.flk.domain.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What reconciliation asks of the imported cloud bills: effective cost per charge day, service, tenant tag
 * and currency, summed over the line items of every export that is not superseded.
 */
public final class ImportedCostQueries {

    private ImportedCostQueries() {
    }

    /** Charge days {@code from} inclusive to {@code to} exclusive. */
    public record FetchImportedDailyCost(LocalDate from, LocalDate to) {
    }

    /** @param tenantTag the value of the tenant tag on the line items, or {@code null} when untagged */
    public record ImportedDailyCost(LocalDate day, String provider, String serviceName, String tenantTag,
                                    String currency, BigDecimal effectiveCost) {
    }

    public record ImportedDailyCosts(List<ImportedDailyCost> lines) {

        public ImportedDailyCosts {
            lines = List.copyOf(lines);
        }
    }
}
