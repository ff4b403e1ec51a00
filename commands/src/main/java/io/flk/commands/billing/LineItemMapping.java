package io.flk.commands.billing;

import io.flk.domain.billing.BillingFormat;
import io.flk.domain.billing.BillingLineItem;
import java.util.List;

/** How the rows of one billing format become FOCUS line items. */
interface LineItemMapping {

    /** Columns without which the file is refused before its first row is read. */
    List<String> mandatoryColumns();

    BillingLineItem map(Row row);

    /** Whether this row states a conversion rate, which makes a currency other than the file's first acceptable. */
    default boolean carriesRate(Row row) {
        return false;
    }

    static LineItemMapping of(BillingFormat format, List<String> header) {
        return switch (format.family()) {
            case FOCUS -> new FocusMapping();
            case AWS_CUR -> new AwsCurMapping(format, header);
            case GCP_BIGQUERY -> new GcpMapping();
            case AZURE -> new AzureMapping(format);
        };
    }
}
