package io.flk.domain.tenant;

import java.time.Duration;
import io.flk.domain.shared.InvalidValue;

/**
 * What a tenant may tune: how it is shown, how long an escalation may wait for a human, and which
 * share of passed tasks is sampled for review.
 */
public record TenantSettings(String displayName, Duration escalationSla, double reviewSampleRate) {

    public static final Duration MIN_SLA = Duration.ofSeconds(1);
    public static final Duration MAX_SLA = Duration.ofDays(30);

    public TenantSettings {
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw new InvalidValue("displayName", "displayName must be 1-200 characters");
        }
        if (escalationSla == null || escalationSla.compareTo(MIN_SLA) < 0 || escalationSla.compareTo(MAX_SLA) > 0) {
            throw new InvalidValue("escalationSla", "escalationSla must be an ISO-8601 duration between PT1S and P30D");
        }
        if (!(reviewSampleRate >= 0.0 && reviewSampleRate <= 1.0)) {
            throw new InvalidValue("reviewSampleRate", "reviewSampleRate must be between 0 and 1");
        }
    }
}
