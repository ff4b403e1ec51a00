package io.flk.commands.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.domain.billing.BillingLineItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Google Cloud billing export (BigQuery schema), as CSV with dotted column names or as JSON lines with nested
 * records; both are read through the same dotted names. Credits are a repeated record: effective cost is the
 * cost plus the sum of the credit amounts (credits are negative).
 */
final class GcpMapping implements LineItemMapping {

    @Override
    public List<String> mandatoryColumns() {
        return List.of("billing_account_id", "service.description", "usage_start_time", "usage_end_time", "cost",
                "currency");
    }

    @Override
    public BillingLineItem map(Row row) {
        BigDecimal cost = row.money("cost");
        String costType = row.text("cost_type");
        if (cost.signum() < 0 && (costType == null || costType.equals("regular"))) {
            throw row.rejected("negative-cost", "cost", "is negative on regular usage; credits belong in 'credits'");
        }
        Instant start = row.timestamp("usage_start_time");
        Instant end = ChargePeriods.end(row, "usage_end_time", start);
        String resource = row.text("resource.global_name");
        return new BillingLineItem("Google Cloud", row.required("billing_account_id"), invoiceMonth(row, start),
                start, end, chargeCategory(costType), row.required("service.description"),
                resource != null ? resource : row.text("resource.name"), Tags.keyValues(row, "labels"),
                row.required("currency"), cost, cost.add(credits(row)), row.optionalMoney("cost_at_list"));
    }

    @Override
    public boolean carriesRate(Row row) {
        return row.text("currency_conversion_rate") != null;
    }

    private static BigDecimal credits(Row row) {
        JsonNode credits = row.json("credits");
        if (credits == null || credits.isNull() || credits.isMissingNode()) {
            return BigDecimal.ZERO;
        }
        if (!credits.isArray()) {
            throw row.rejected("invalid-credits", "credits", "is not a list of credits");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode credit : credits) {
            JsonNode amount = credit.path("amount");
            if (!amount.isNumber() && !amount.isTextual()) {
                throw row.rejected("not-a-number", "credits", "has a credit without a numeric amount");
            }
            sum = sum.add(row.number("credits", amount.asText()));
        }
        return sum;
    }

    /** invoice.month is yyyyMM; exports without it bill in the month the usage started. */
    private static String invoiceMonth(Row row, Instant start) {
        String month = row.text("invoice.month");
        if (month == null) {
            return ChargePeriods.month(start);
        }
        if (!month.matches("\\d{4}(0[1-9]|1[0-2])")) {
            throw row.rejected("not-a-date", "invoice.month", "is not a month (yyyyMM): '" + Row.abbreviate(month) + "'");
        }
        return month.substring(0, 4) + "-" + month.substring(4);
    }

    private static String chargeCategory(String costType) {
        if (costType == null) {
            return "Usage";
        }
        return switch (costType) {
            case "tax" -> "Tax";
            case "adjustment", "rounding_error" -> "Adjustment";
            default -> "Usage";
        };
    }
}
