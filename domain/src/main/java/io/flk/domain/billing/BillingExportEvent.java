package io.flk.domain.billing;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * What happens to a billing export. Events name the file by its SHA-256 and the importer by principal name;
 * file contents never enter the event log (the line items live in their own table).
 */
public sealed interface BillingExportEvent {

    BillingExportId exportId();

    String fileSha256();

    @Revision("1")
    record BillingExportImported(BillingExportId exportId, String fileSha256, BillingFormat format, long rows,
                                 List<CurrencyTotal> totals, String importedBy, Instant importedAt)
            implements BillingExportEvent {

        public BillingExportImported {
            totals = List.copyOf(totals);
        }
    }

    /** The file {@code fileSha256} replaced {@code supersededFileSha256} as this export's current version. */
    @Revision("1")
    record BillingExportSuperseded(BillingExportId exportId, String fileSha256, String supersededFileSha256,
                                   String reason, String supersededBy, Instant at) implements BillingExportEvent {
    }
}
