package io.flk.domain.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One charge of a billing export, in FOCUS terms whatever the source format. {@code billingPeriod} is the
 * invoice month ({@code yyyy-MM}) the charge is billed in; costs are in {@code billingCurrency}.
 *
 * @param listCost null when the export does not say what the charge would cost at list price
 */
public record BillingLineItem(String provider, String billingAccountId, String billingPeriod,
                              Instant chargePeriodStart, Instant chargePeriodEnd, String chargeCategory,
                              String serviceName, String resourceId, Map<String, String> tags,
                              String billingCurrency, BigDecimal billedCost, BigDecimal effectiveCost,
                              BigDecimal listCost) {

    public BillingLineItem {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
