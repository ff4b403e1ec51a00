package io.flk.commands.billing;

import io.flk.domain.billing.BillingFormat;
import io.flk.domain.billing.BillingLineItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Azure cost exports: Enterprise Agreement (PascalCase), Microsoft Customer Agreement (camelCase) and the legacy
 * pay-as-you-go usage details. One row is one meter's charge for one day. Unit prices are never negative;
 * refunds come as their own charge type with a negative cost.
 */
final class AzureMapping implements LineItemMapping {

    private record Names(String cost, List<String> currency, String account, String billingPeriodStart, String date,
                         String service, String resourceId, String tags, String chargeType, String paygCost,
                         List<String> unitPrices) {
    }

    private static final Names EA = new Names("CostInBillingCurrency", List.of("BillingCurrencyCode", "BillingCurrency"),
            "BillingAccountId", "BillingPeriodStartDate", "Date", "MeterCategory", "ResourceId", "Tags", "ChargeType",
            "PaygCostInBillingCurrency", List.of("UnitPrice", "PayGPrice", "EffectivePrice"));

    private static final Names MCA = new Names("costInBillingCurrency", List.of("billingCurrency"), "billingAccountId",
            "billingPeriodStartDate", "date", "meterCategory", "InstanceName", "tags", "chargeType",
            "paygCostInBillingCurrency", List.of("unitPrice", "payGPrice", "effectivePrice"));

    private static final Names PAYG = new Names("PreTaxCost", List.of("Currency"), "SubscriptionGuid", null,
            "UsageDateTime", "MeterCategory", "InstanceId", "Tags", null, null, List.of("ResourceRate"));

    private final Names names;

    AzureMapping(BillingFormat format) {
        this.names = switch (format) {
            case AZURE_EA -> EA;
            case AZURE_MCA -> MCA;
            default -> PAYG;
        };
    }

    @Override
    public List<String> mandatoryColumns() {
        return List.of(names.cost(), names.currency().get(0), names.account(), names.date());
    }

    @Override
    public BillingLineItem map(Row row) {
        names.unitPrices().forEach(row::requireNotNegative);
        BigDecimal cost = row.money(names.cost());
        Instant day = row.timestamp(names.date());
        String periodStart = names.billingPeriodStart() == null ? null : row.text(names.billingPeriodStart());
        String chargeType = names.chargeType() == null ? null : row.text(names.chargeType());
        return new BillingLineItem("Microsoft", row.required(names.account()),
                ChargePeriods.month(periodStart == null ? day : row.timestamp(names.billingPeriodStart())),
                day, ChargePeriods.dayAfter(day), chargeCategory(chargeType), row.text(names.service()),
                row.text(names.resourceId()), Tags.object(row, names.tags()), currency(row), cost, cost,
                names.paygCost() == null ? null : row.optionalMoney(names.paygCost()));
    }

    private String currency(Row row) {
        for (String column : names.currency()) {
            String value = row.text(column);
            if (value != null) {
                return value;
            }
        }
        return row.required(names.currency().get(0));
    }

    private static String chargeCategory(String chargeType) {
        if (chargeType == null) {
            return "Usage";
        }
        return switch (chargeType) {
            case "Purchase" -> "Purchase";
            case "Refund" -> "Credit";
            case "Tax" -> "Tax";
            case "RoundingAdjustment" -> "Adjustment";
            default -> "Usage";
        };
    }
}
