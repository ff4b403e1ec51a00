package io.flk.commands.billing;

import io.flk.domain.billing.BillingFormat;
import io.flk.domain.billing.BillingLineItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS Cost and Usage Report, legacy ({@code lineItem/UnblendedCost}) or CUR 2.0 ({@code line_item_unblended_cost}).
 * Effective cost follows the FOCUS conversion of AWS: covered usage costs what the Savings Plan or reservation
 * made it cost, negations and upfront fees are spread elsewhere (0 here), RI fees count their unused part.
 */
final class AwsCurMapping implements LineItemMapping {

    private record Names(String lineItemType, String unblendedCost, String currency, String payerAccount,
                         String billingPeriodStart, String usageStart, String usageEnd, String productName,
                         String productCode, String resourceId, String publicOnDemandCost, String publicOnDemandRate,
                         String savingsPlanEffectiveCost, String reservationEffectiveCost,
                         String unusedAmortizedUpfrontFee, String unusedRecurringFee, String tagPrefix,
                         String userTagPrefix) {
    }

    private static final Names LEGACY = new Names("lineItem/LineItemType", "lineItem/UnblendedCost",
            "lineItem/CurrencyCode", "bill/PayerAccountId", "bill/BillingPeriodStartDate", "lineItem/UsageStartDate",
            "lineItem/UsageEndDate", "product/ProductName", "lineItem/ProductCode", "lineItem/ResourceId",
            "pricing/publicOnDemandCost", "pricing/publicOnDemandRate", "savingsPlan/SavingsPlanEffectiveCost",
            "reservation/EffectiveCost", "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
            "reservation/UnusedRecurringFee", "resourceTags/", "user:");

    private static final Names CUR_2 = new Names("line_item_line_item_type", "line_item_unblended_cost",
            "line_item_currency_code", "bill_payer_account_id", "bill_billing_period_start_date",
            "line_item_usage_start_date", "line_item_usage_end_date", "product_product_name", "line_item_product_code",
            "line_item_resource_id", "pricing_public_on_demand_cost", "pricing_public_on_demand_rate",
            "savings_plan_savings_plan_effective_cost", "reservation_effective_cost",
            "reservation_unused_amortized_upfront_fee_for_billing_period", "reservation_unused_recurring_fee",
            "resource_tags_", "user_");

    /** CUR 2.0 proper puts all tags in one map column; its "alt" CSVs spread them over resource_tags_* columns. */
    private static final String TAG_MAP = "resource_tags";

    private final Names names;
    /** Tag columns and the tag key each holds, resolved once from the header. */
    private final Map<String, String> tagColumns = new HashMap<>();

    AwsCurMapping(BillingFormat format, List<String> header) {
        this.names = format == BillingFormat.AWS_CUR_LEGACY ? LEGACY : CUR_2;
        for (String column : header) {
            if (column.startsWith(names.tagPrefix()) && !column.equals(TAG_MAP)) {
                String key = column.substring(names.tagPrefix().length());
                tagColumns.put(column, key.startsWith(names.userTagPrefix())
                        ? key.substring(names.userTagPrefix().length()) : key);
            }
        }
    }

    @Override
    public List<String> mandatoryColumns() {
        return List.of(names.lineItemType(), names.unblendedCost(), names.currency(), names.payerAccount(),
                names.billingPeriodStart(), names.usageStart(), names.usageEnd(), names.productCode());
    }

    @Override
    public BillingLineItem map(Row row) {
        row.requireNotNegative(names.publicOnDemandRate());
        String type = row.required(names.lineItemType());
        BigDecimal unblended = row.money(names.unblendedCost());
        Instant start = row.timestamp(names.usageStart());
        Instant end = ChargePeriods.end(row, names.usageEnd(), start);
        String service = row.text(names.productName());
        return new BillingLineItem("AWS", row.required(names.payerAccount()),
                ChargePeriods.month(row.timestamp(names.billingPeriodStart())), start, end, chargeCategory(type),
                service != null ? service : row.required(names.productCode()), row.text(names.resourceId()),
                tags(row), row.required(names.currency()), unblended, effectiveCost(row, type, unblended),
                row.optionalMoney(names.publicOnDemandCost()));
    }

    private BigDecimal effectiveCost(Row row, String type, BigDecimal unblended) {
        return switch (type) {
            case "SavingsPlanCoveredUsage" -> orZero(row.optionalMoney(names.savingsPlanEffectiveCost()));
            case "DiscountedUsage" -> orZero(row.optionalMoney(names.reservationEffectiveCost()));
            case "SavingsPlanNegation", "SavingsPlanUpfrontFee" -> BigDecimal.ZERO;
            case "RIFee" -> orZero(row.optionalMoney(names.unusedAmortizedUpfrontFee()))
                    .add(orZero(row.optionalMoney(names.unusedRecurringFee())));
            default -> unblended;
        };
    }

    private static String chargeCategory(String lineItemType) {
        return switch (lineItemType) {
            case "Tax" -> "Tax";
            case "Credit", "Refund" -> "Credit";
            case "Fee", "RIFee", "SavingsPlanUpfrontFee", "SavingsPlanRecurringFee" -> "Purchase";
            case "EdpDiscount", "BundledDiscount", "PrivateRateDiscount", "DistributorDiscount", "SavingsPlanNegation" ->
                    "Adjustment";
            default -> "Usage";
        };
    }

    private Map<String, String> tags(Row row) {
        Map<String, String> tags = new HashMap<>(Tags.object(row, TAG_MAP));
        for (Map.Entry<String, String> column : tagColumns.entrySet()) {
            String value = row.text(column.getKey());
            if (value != null) {
                tags.put(column.getValue(), value);
            }
        }
        return tags;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
