package io.flk.commands.tenant;

import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.tenant.TenantCommands.ChangeTenantSettings;
import io.flk.domain.tenant.TenantCommands.RegisterTenant;
import io.flk.domain.tenant.TenantCommands.SuspendTenant;
import io.flk.domain.tenant.TenantEvent.TenantRegistered;
import io.flk.domain.tenant.TenantEvent.TenantSettingsChanged;
import io.flk.domain.tenant.TenantEvent.TenantSuspended;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.tenant.TenantSettings;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private static final TenantSettings DEFAULTS = new TenantSettings("Acme", Duration.ofHours(4), 0.05);
    private static final TenantSettings FASTER = new TenantSettings("Acme", Duration.ofHours(1), 0.05);

    private FixtureConfiguration<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
    }

    @Test
    void registeringRecordsTheSettingsAndTheActor() {
        fixture.givenNoPriorActivity()
                .when(new RegisterTenant(ACME, DEFAULTS, "operator", T0))
                .expectEvents(new TenantRegistered(ACME, DEFAULTS, "operator", T0));
    }

    @Test
    void changingSettingsRecordsBeforeAndAfter() {
        fixture.given(new TenantRegistered(ACME, DEFAULTS, "operator", T0))
                .when(new ChangeTenantSettings(ACME, FASTER, null, "operator", T0.plusSeconds(1)))
                .expectEvents(new TenantSettingsChanged(ACME, DEFAULTS, FASTER, "operator", T0.plusSeconds(1)))
                .expectResultMessagePayload(1L);
    }

    @Test
    void unchangedSettingsRecordNothing() {
        fixture.given(new TenantRegistered(ACME, DEFAULTS, "operator", T0))
                .when(new ChangeTenantSettings(ACME, DEFAULTS, null, "operator", T0.plusSeconds(1)))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void aSuspendedTenantCannotChangeItsSettings() {
        fixture.given(new TenantRegistered(ACME, DEFAULTS, "operator", T0),
                        new TenantSuspended(ACME, "unpaid", "operator", T0))
                .when(new ChangeTenantSettings(ACME, FASTER, null, "operator", T0.plusSeconds(1)))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void cannotBeSuspendedTwice() {
        fixture.given(new TenantRegistered(ACME, DEFAULTS, "operator", T0),
                        new TenantSuspended(ACME, "unpaid", "operator", T0))
                .when(new SuspendTenant(ACME, "again", null, "operator", T0.plusSeconds(1)))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }
}
