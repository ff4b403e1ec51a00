package io.flk.commands.billing;

import io.flk.domain.billing.BillingLineItem;
import java.time.Instant;
import java.util.List;

/** FOCUS 1.0 to 1.2: the columns already have the meaning of {@link BillingLineItem}. */
final class FocusMapping implements LineItemMapping {

    /** Mandatory in FOCUS 1.0 and 1.2 (FOCUS_Spec). */
    static final List<String> MANDATORY = List.of("BilledCost", "BillingAccountId", "BillingAccountName",
            "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass",
            "ChargeDescription", "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost", "EffectiveCost",
            "InvoiceIssuerName", "ListCost", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
            "ServiceCategory", "ServiceName");

    @Override
    public List<String> mandatoryColumns() {
        return MANDATORY;
    }

    @Override
    public BillingLineItem map(Row row) {
        // FOCUS: "ListUnitPrice MUST NOT be negative"; costs may be (credits, refunds, corrections).
        row.requireNotNegative("ListUnitPrice");
        Instant start = row.timestamp("ChargePeriodStart");
        Instant end = ChargePeriods.end(row, "ChargePeriodEnd", start);
        return new BillingLineItem(row.required("ProviderName"), row.required("BillingAccountId"),
                ChargePeriods.month(row.timestamp("BillingPeriodStart")), start, end, row.required("ChargeCategory"),
                row.text("ServiceName"), row.text("ResourceId"), Tags.object(row, "Tags"),
                row.required("BillingCurrency"), row.money("BilledCost"), row.money("EffectiveCost"),
                row.money("ListCost"));
    }
}
