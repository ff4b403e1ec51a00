package io.flk.domain.tenant;

import java.time.Duration;
import java.util.Objects;

/**
 * What a tenant may tune: how it is shown, how long an escalation may wait for a human, and which
 * share of passed tasks is sampled for review.
 */
public record TenantSettings(String displayName, Duration escalationSla, double reviewSampleRate) {

    public static final Duration MIN_SLA = Duration.ofSeconds(1);
    public static final Duration MAX_SLA = Duration.ofDays(30);

    public TenantSettings {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(escalationSla, "escalationSla");
        if (displayName.isBlank() || displayName.length() > 200) {
            throw new IllegalArgumentException("displayName must be 1-200 characters");
        }
        if (escalationSla.compareTo(MIN_SLA) < 0 || escalationSla.compareTo(MAX_SLA) > 0) {
            throw new IllegalArgumentException("escalationSla must be between PT1S and P30D");
        }
        if (!(reviewSampleRate >= 0.0 && reviewSampleRate <= 1.0)) {
            throw new IllegalArgumentException("reviewSampleRate must be between 0 and 1");
        }
    }
}
