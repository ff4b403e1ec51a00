package io.flk.projections.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.billing.BillingExportEvent.BillingExportImported;
import io.flk.domain.billing.BillingExportEvent.BillingExportSuperseded;
import io.flk.domain.billing.BillingExportId;
import io.flk.domain.billing.BillingFormat;
import io.flk.domain.billing.BillingImportQueries.BillingImportView;
import io.flk.domain.billing.BillingImportQueries.FindBillingImport;
import io.flk.domain.billing.BillingLineItem;
import io.flk.domain.billing.CurrencyTotal;
import io.flk.domain.cost.ImportedCostQueries.FetchImportedDailyCost;
import io.flk.domain.cost.ImportedCostQueries.ImportedDailyCost;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Line items stored by the writer, parts by the projection, summed by the query handler, on real PostgreSQL. */
class ImportedCostQueryHandlerTest {

    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    private final BillingLineItemWriter writer = new BillingLineItemWriter(TestDatabase.get().dsl());
    private final BillingExportProjection projection = new BillingExportProjection(TestDatabase.get().dsl());
    private final ImportedCostQueryHandler handler =
            new ImportedCostQueryHandler(TestDatabase.get().dsl(), "flk-tenant");
    /** Months handed out once per JVM, whose database the tests share. */
    private static final AtomicInteger MONTHS_TAKEN = new AtomicInteger();

    /** A month of its own per test, so that tests sharing the database never sum each other's rows. */
    private final LocalDate day = LocalDate.of(2031, 1, 1).plusMonths(MONTHS_TAKEN.getAndIncrement());
    private final String period = day.toString().substring(0, 7);
    private final String account = "acct-" + ThreadLocalRandom.current().nextInt(1_000_000);

    @Test
    void sumsEffectiveCostPerDayServiceTenantTagAndCurrency() {
        String file = randomSha();
        writer.copy(file, sink -> {
            sink.accept(2, item(day, "Compute", Map.of("flk-tenant", "acme"), "USD", "1.25"));
            sink.accept(3, item(day, "Compute", Map.of("flk-tenant", "acme", "team", "x"), "USD", "0.75"));
            sink.accept(4, item(day, "Compute", Map.of("tenant", "globex"), "USD", "2"));
            sink.accept(5, item(day, "Storage", Map.of(), "USD", "0.000000144"));
            sink.accept(6, item(day.plusDays(1), "Compute", Map.of("flk-tenant", "acme"), "EUR", "3"));
        });
        imported(file, 5);

        List<ImportedDailyCost> lines = handler.handle(new FetchImportedDailyCost(day, day.plusDays(2))).lines();

        assertThat(lines).containsExactly(
                new ImportedDailyCost(day, "AWS", "Compute", "acme", "USD", new BigDecimal("2")),
                new ImportedDailyCost(day, "AWS", "Compute", "globex", "USD", new BigDecimal("2")),
                new ImportedDailyCost(day, "AWS", "Storage", null, "USD", new BigDecimal("1.44E-7")),
                new ImportedDailyCost(day.plusDays(1), "AWS", "Compute", "acme", "EUR", new BigDecimal("3")));
        assertThat(handler.handle(new FetchImportedDailyCost(day.plusDays(1), day.plusDays(2))).lines())
                .extracting(ImportedDailyCost::day).containsOnly(day.plusDays(1));
    }

    @Test
    void aSupersededFileNoLongerCountsAndItsCorrectionDoes() {
        String original = randomSha();
        String corrected = randomSha();
        writer.copy(original, sink -> sink.accept(2, item(day, "Compute", Map.of(), "USD", "10")));
        imported(original, 1);
        writer.copy(corrected, sink -> sink.accept(2, item(day, "Compute", Map.of(), "USD", "12")));
        imported(corrected, 1);
        projection.on(new BillingExportSuperseded(exportId(), corrected, original, "corrected export", "operator", T0));

        assertThat(handler.handle(new FetchImportedDailyCost(day, day.plusDays(1))).lines())
                .extracting(ImportedDailyCost::effectiveCost).containsExactly(new BigDecimal("12"));
        BillingImportView originalView = projection.handle(new FindBillingImport(original)).orElseThrow();
        assertThat(originalView.exports()).singleElement()
                .satisfies(part -> assertThat(part.supersededByFileSha256()).isEqualTo(corrected));
    }

    @Test
    void rowsOfAFileWhoseImportWasNeverRecordedDoNotCount() {
        writer.copy(randomSha(), sink -> sink.accept(2, item(day, "Compute", Map.of(), "USD", "10")));

        assertThat(handler.handle(new FetchImportedDailyCost(day, day.plusDays(1))).lines()).isEmpty();
    }

    @Test
    void theImportViewShowsRowsAndTotalsPerPeriodAndCurrencyOnceEvenWhenTheEventComesTwice() {
        String file = randomSha();
        projection.on(imported(file, 7));

        BillingImportView view = projection.handle(new FindBillingImport(file)).orElseThrow();

        assertThat(view.rows()).isEqualTo(7);
        assertThat(view.format()).isEqualTo(BillingFormat.AWS_CUR_2);
        assertThat(view.totals()).singleElement().satisfies(total -> {
            assertThat(total.billingPeriod()).isEqualTo(period);
            assertThat(total.currency()).isEqualTo("USD");
            assertThat(total.effectiveCost()).isEqualByComparingTo("7.5");
        });
    }

    private BillingExportImported imported(String file, long rows) {
        BillingExportImported event = new BillingExportImported(exportId(), file, BillingFormat.AWS_CUR_2, rows,
                List.of(new CurrencyTotal("USD", new BigDecimal("7.5"), new BigDecimal("7.5"), new BigDecimal("8"))),
                "operator", T0);
        projection.on(event);
        return event;
    }

    private BillingExportId exportId() {
        return new BillingExportId("AWS", account, period);
    }

    private BillingLineItem item(LocalDate chargeDay, String service, Map<String, String> tags, String currency,
                                 String effectiveCost) {
        Instant start = chargeDay.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600);
        return new BillingLineItem("AWS", account, period, start, start.plusSeconds(3600), "Usage", service,
                "r-1", tags, currency, new BigDecimal(effectiveCost), new BigDecimal(effectiveCost), null);
    }

    private static String randomSha() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
