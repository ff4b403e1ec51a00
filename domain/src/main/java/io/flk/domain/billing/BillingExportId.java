package io.flk.domain.billing;

import io.flk.domain.shared.InvalidValue;
import java.util.regex.Pattern;

/**
 * One provider's bill for one billing account and billing period ({@code yyyy-MM}). Files are versions of it:
 * a corrected export for the same id supersedes the earlier file. {@link #toString()} is its aggregate identity.
 */
public record BillingExportId(String provider, String billingAccountId, String billingPeriod) {

    private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    public BillingExportId {
        if (provider == null || provider.isBlank()) {
            throw new InvalidValue("provider", "a billing export needs a provider");
        }
        if (billingAccountId == null || billingAccountId.isBlank()) {
            throw new InvalidValue("billingAccountId", "a billing export needs a billing account id");
        }
        if (billingPeriod == null || !PERIOD.matcher(billingPeriod).matches()) {
            throw new InvalidValue("billingPeriod", "a billing period is a month, yyyy-MM");
        }
    }

    @Override
    public String toString() {
        return "billing-export:" + provider + ":" + billingAccountId + ":" + billingPeriod;
    }
}
