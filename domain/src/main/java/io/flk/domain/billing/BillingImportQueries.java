package io.flk.domain.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The imported files as operators and auditors see them. */
public final class BillingImportQueries {

    private BillingImportQueries() {
    }

    public record FindBillingImport(String fileSha256) {
    }

    /** The most recent imports first. */
    public record FetchBillingImports(int limit) {
    }

    /** Totals of one billing period and currency within a file. */
    public record PeriodTotal(String billingPeriod, String currency, BigDecimal billedCost, BigDecimal effectiveCost,
                              BigDecimal listCost) {
    }

    /**
     * The part of a file that belongs to one billing export.
     *
     * @param supersededByFileSha256 the file that replaced this part, or {@code null} while it is current
     */
    public record ExportPart(String provider, String billingAccountId, String billingPeriod, long rows,
                             String supersededByFileSha256) {
    }

    public record BillingImportView(String fileSha256, BillingFormat format, String importedBy, Instant importedAt,
                                    long rows, List<PeriodTotal> totals, List<ExportPart> exports) {

        public BillingImportView {
            totals = List.copyOf(totals);
            exports = List.copyOf(exports);
        }
    }

    public record BillingImportList(List<BillingImportView> imports) {

        public BillingImportList {
            imports = List.copyOf(imports);
        }
    }
}
