package io.flk.domain.billing;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands of the {@code BillingExport} aggregate. The importer has already parsed and stored the file's rows
 * in the same transaction; the command carries only the facts the aggregate decides on and records.
 */
public final class BillingCommands {

    private BillingCommands() {
    }

    /** Records that the file {@code fileSha256} holds this export's charges: {@code rows} line items. */
    public record ImportBillingExport(@TargetAggregateIdentifier BillingExportId exportId, String fileSha256,
                                      BillingFormat format, long rows, List<CurrencyTotal> totals,
                                      String importedBy, Instant at) {

        public ImportBillingExport {
            totals = List.copyOf(totals);
        }
    }
}
