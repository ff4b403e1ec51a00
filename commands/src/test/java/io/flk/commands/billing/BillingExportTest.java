package io.flk.commands.billing;

import io.flk.domain.billing.BillingCommands.ImportBillingExport;
import io.flk.domain.billing.BillingExportEvent.BillingExportImported;
import io.flk.domain.billing.BillingExportEvent.BillingExportSuperseded;
import io.flk.domain.billing.BillingExportId;
import io.flk.domain.billing.BillingExportOutcome;
import io.flk.domain.billing.BillingFormat;
import io.flk.domain.billing.CurrencyTotal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BillingExportTest {

    private static final BillingExportId SEPTEMBER = new BillingExportId("AWS", "1234567890123", "2024-09");
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private static final String FIRST = "a".repeat(64);
    private static final String CORRECTION = "b".repeat(64);
    private static final List<CurrencyTotal> TOTALS = List.of(
            new CurrencyTotal("USD", new BigDecimal("10.5"), new BigDecimal("9.5"), new BigDecimal("12")));

    private FixtureConfiguration<BillingExport> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BillingExport.class);
    }

    @Test
    void theFirstFileOfABillIsImportedWithItsRowsTotalsAndImporter() {
        fixture.givenNoPriorActivity()
                .when(command(FIRST, T0))
                .expectEvents(imported(FIRST, T0))
                .expectResultMessagePayload(BillingExportOutcome.IMPORTED);
    }

    @Test
    void theSameFileAgainChangesNothing() {
        fixture.given(imported(FIRST, T0))
                .when(command(FIRST, T0.plusSeconds(60)))
                .expectNoEvents()
                .expectResultMessagePayload(BillingExportOutcome.ALREADY_IMPORTED);
    }

    @Test
    void aCorrectedExportSupersedesTheCurrentFileAndSaysWhy() {
        fixture.given(imported(FIRST, T0))
                .when(command(CORRECTION, T0.plusSeconds(60)))
                .expectEvents(imported(CORRECTION, T0.plusSeconds(60)),
                        new BillingExportSuperseded(SEPTEMBER, CORRECTION, FIRST, BillingExport.CORRECTED, "operator",
                                T0.plusSeconds(60)))
                .expectResultMessagePayload(BillingExportOutcome.SUPERSEDED_EARLIER);
    }

    @Test
    void anEarlierVersionImportedAgainDoesNotTakeBackTheBill() {
        fixture.given(imported(FIRST, T0), imported(CORRECTION, T0.plusSeconds(60)),
                        new BillingExportSuperseded(SEPTEMBER, CORRECTION, FIRST, BillingExport.CORRECTED, "operator",
                                T0.plusSeconds(60)))
                .when(command(FIRST, T0.plusSeconds(120)))
                .expectNoEvents()
                .expectResultMessagePayload(BillingExportOutcome.ALREADY_IMPORTED);
    }

    private static ImportBillingExport command(String file, Instant at) {
        return new ImportBillingExport(SEPTEMBER, file, BillingFormat.FOCUS_1_0, 3, TOTALS, "operator", at);
    }

    private static BillingExportImported imported(String file, Instant at) {
        return new BillingExportImported(SEPTEMBER, file, BillingFormat.FOCUS_1_0, 3, TOTALS, "operator", at);
    }
}
