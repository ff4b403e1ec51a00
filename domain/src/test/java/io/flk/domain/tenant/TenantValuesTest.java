package io.flk.domain.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.domain.escalation.EscalationId;
import io.flk.domain.shared.InvalidValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "Acme", "acme!", "-acme", "acme corp", "a_b"})
    void refusesTenantIdsThatAreNotLowerCaseSlugs(String value) {
        assertThatThrownBy(() -> TenantId.of(value)).isInstanceOf(InvalidValue.class)
                .extracting(e -> ((InvalidValue) e).field()).isEqualTo("tenantId");
    }

    @Test
    void aTenantsAggregateIdentityIsPrefixedSoThatItCannotCollideWithOtherAggregates() {
        assertThat(TenantId.of("acme").toString()).isEqualTo("tenant:acme");
        assertThat(TenantId.of("acme")).isEqualTo(TenantId.of("acme"));
    }

    @Test
    void settingsNameTheFieldTheyRefuse() {
        assertThatThrownBy(() -> new TenantSettings(" ", Duration.ofHours(1), 0.1))
                .extracting(e -> ((InvalidValue) e).field()).isEqualTo("displayName");
        assertThatThrownBy(() -> new TenantSettings("Acme", Duration.ZERO, 0.1))
                .extracting(e -> ((InvalidValue) e).field()).isEqualTo("escalationSla");
        assertThatThrownBy(() -> new TenantSettings("Acme", Duration.ofDays(31), 0.1))
                .extracting(e -> ((InvalidValue) e).field()).isEqualTo("escalationSla");
        assertThatThrownBy(() -> new TenantSettings("Acme", Duration.ofHours(1), Double.NaN))
                .extracting(e -> ((InvalidValue) e).field()).isEqualTo("reviewSampleRate");
        assertThatThrownBy(() -> new TenantSettings("Acme", Duration.ofHours(1), 1.01))
                .extracting(e -> ((InvalidValue) e).field()).isEqualTo("reviewSampleRate");
    }

    @Test
    void escalationIdsAreEFollowedByALowerCaseUuid() {
        assertThat(EscalationId.random().value()).matches("e-[0-9a-f-]{36}");
        assertThatThrownBy(() -> EscalationId.of("e-1")).isInstanceOf(InvalidValue.class);
        assertThatThrownBy(() -> EscalationId.of("E-00000000-0000-0000-0000-000000000001"))
                .isInstanceOf(InvalidValue.class);
    }
}
