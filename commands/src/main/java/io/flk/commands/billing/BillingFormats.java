package io.flk.commands.billing;

import io.flk.domain.billing.BillingFileRejected;
import io.flk.domain.billing.BillingFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Recognises a billing format from the columns of its header. */
final class BillingFormats {

    private BillingFormats() {
    }

    static BillingFormat recognise(List<String> header) {
        Set<String> columns = new HashSet<>(header);
        if (columns.containsAll(List.of("BilledCost", "EffectiveCost", "ChargePeriodStart"))) {
            return focusVersion(columns);
        }
        if (columns.contains("lineItem/UnblendedCost")) {
            return BillingFormat.AWS_CUR_LEGACY;
        }
        if (columns.contains("line_item_unblended_cost")) {
            return BillingFormat.AWS_CUR_2;
        }
        if (columns.containsAll(List.of("cost", "usage_start_time", "service.description"))) {
            return BillingFormat.GCP_BIGQUERY_CSV;
        }
        if (columns.contains("costInBillingCurrency")) {
            return BillingFormat.AZURE_MCA;
        }
        if (columns.contains("CostInBillingCurrency")) {
            return BillingFormat.AZURE_EA;
        }
        if (columns.containsAll(List.of("PreTaxCost", "UsageDateTime"))) {
            return BillingFormat.AZURE_PAYG;
        }
        throw new BillingFileRejected("unknown-billing-format", 1, null,
                "line 1: the header is not that of a FOCUS, AWS CUR, GCP BigQuery or Azure cost export");
    }

    /** Columns that later FOCUS versions added; their absence means 1.0. */
    private static BillingFormat focusVersion(Set<String> columns) {
        if (columns.contains("ServiceProviderName") || columns.contains("InvoiceId")) {
            return BillingFormat.FOCUS_1_2;
        }
        if (columns.contains("ServiceSubcategory") || columns.contains("CapacityReservationId")) {
            return BillingFormat.FOCUS_1_1;
        }
        return BillingFormat.FOCUS_1_0;
    }
}
