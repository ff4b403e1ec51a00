package io.flk.projections.billing;

import static io.flk.db.Tables.BILLING_LINE_ITEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.billing.BillingLineItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** What the writer sends in COPY's binary format reads back as the line item it was given, on real PostgreSQL. */
class BillingLineItemWriterTest {

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final BillingLineItemWriter writer = new BillingLineItemWriter(dsl);

    @Test
    void numbersTimestampsTextAndTagsReadBackAsWritten() {
        String file = randomSha();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("flk-tenant", "acmé \"quoted\" \\ back\nline");
        tags.put("empty", "");
        BillingLineItem item = new BillingLineItem("AWS", "acct-ü-1", "2024-02",
                Instant.parse("1999-12-31T23:59:59.123456Z"), Instant.parse("2024-02-29T23:00:00Z"), "Usage",
                "Amazon Elastic Compute Cloud, \"EC2\"", null, tags, "USD",
                new BigDecimal("-12345678901234.123456789012345678901234"), new BigDecimal("0.000000000000000000000001"),
                new BigDecimal("1E+13"));

        assertThat(writer.copy(file, sink -> {
            sink.accept(2, item);
            sink.accept(3, new BillingLineItem("GCP", "a", "2030-01", Instant.parse("2030-01-15T10:00:00.0000015Z"),
                    Instant.parse("2030-01-15T11:00:00Z"), "Tax", "", "", Map.of(), "EUR", BigDecimal.ZERO,
                    new BigDecimal("0.00"), null));
            sink.accept(4, new BillingLineItem("GCP", "a", "2030-01", Instant.parse("2030-01-15T10:00:00Z"),
                    Instant.parse("2030-01-15T11:00:00Z"), "Usage", null, null,
                    Map.of("flk-tenant", "plain \"ascii\" \\ tag"), "EUR", BigDecimal.ONE, BigDecimal.ONE, null));
        })).isEqualTo(3);

        Record first = row(file, 2);
        assertThat(first.get(BILLING_LINE_ITEM.PROVIDER)).isEqualTo("AWS");
        assertThat(first.get(BILLING_LINE_ITEM.BILLING_ACCOUNT_ID)).isEqualTo("acct-ü-1");
        assertThat(first.get(BILLING_LINE_ITEM.BILLING_PERIOD)).isEqualTo("2024-02");
        assertThat(first.get("start_text", String.class)).isEqualTo("1999-12-31 23:59:59.123456+00");
        assertThat(first.get("end_text", String.class)).isEqualTo("2024-02-29 23:00:00+00");
        assertThat(first.get(BILLING_LINE_ITEM.CHARGE_DAY, LocalDate.class)).isEqualTo(LocalDate.of(1999, 12, 31));
        assertThat(first.get(BILLING_LINE_ITEM.SERVICE_NAME)).isEqualTo("Amazon Elastic Compute Cloud, \"EC2\"");
        assertThat(first.get(BILLING_LINE_ITEM.RESOURCE_ID)).isNull();
        assertThat(first.get("tenant", String.class)).isEqualTo("acmé \"quoted\" \\ back\nline");
        assertThat(first.get("empty_tag", String.class)).isEmpty();
        assertThat(first.get(BILLING_LINE_ITEM.BILLED_COST))
                .isEqualByComparingTo("-12345678901234.123456789012345678901234");
        assertThat(first.get(BILLING_LINE_ITEM.EFFECTIVE_COST)).isEqualByComparingTo("0.000000000000000000000001");
        assertThat(first.get(BILLING_LINE_ITEM.LIST_COST)).isEqualByComparingTo("10000000000000");

        Record second = row(file, 3);
        assertThat(second.get("start_text", String.class)).isEqualTo("2030-01-15 10:00:00.000002+00");
        assertThat(second.get(BILLING_LINE_ITEM.SERVICE_NAME)).isEmpty();
        assertThat(second.get(BILLING_LINE_ITEM.RESOURCE_ID)).isEmpty();
        assertThat(second.get(BILLING_LINE_ITEM.TAGS)).isNull();
        assertThat(second.get(BILLING_LINE_ITEM.BILLED_COST)).isEqualByComparingTo("0");
        assertThat(second.get(BILLING_LINE_ITEM.LIST_COST)).isNull();
        assertThat(row(file, 4).get("tenant", String.class)).isEqualTo("plain \"ascii\" \\ tag");
    }

    @Test
    void everyCostWithinTheColumnsPrecisionReadsBackEqual() {
        String file = randomSha();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<BigDecimal> costs = new ArrayList<>(List.of(new BigDecimal("1.5"), new BigDecimal("-0.25"),
                new BigDecimal("12345.6789"), new BigDecimal("0.0001"), new BigDecimal("99999999999999.999999"),
                new BigDecimal("-0.000000000000000000000001"), new BigDecimal("10000.00000000"), BigDecimal.TEN));
        for (int i = 0; i < 500; i++) {
            int scale = random.nextInt(25);
            long bound = (long) Math.pow(10, Math.min(18, 14 + scale));
            costs.add(BigDecimal.valueOf(random.nextLong(-bound + 1, bound), scale));
        }
        writer.copy(file, sink -> {
            for (int i = 0; i < costs.size(); i++) {
                sink.accept(i, new BillingLineItem("AWS", "a", "2030-01", Instant.parse("2030-01-15T10:00:00Z"),
                        Instant.parse("2030-01-15T11:00:00Z"), "Usage", null, null, Map.of(), "USD", costs.get(i),
                        costs.get(i), costs.get(i)));
            }
        });

        Map<Long, BigDecimal> stored = dsl.select(BILLING_LINE_ITEM.LINE_NUMBER, BILLING_LINE_ITEM.BILLED_COST)
                .from(BILLING_LINE_ITEM).where(BILLING_LINE_ITEM.FILE_SHA256.eq(file))
                .fetchMap(BILLING_LINE_ITEM.LINE_NUMBER, BILLING_LINE_ITEM.BILLED_COST);
        for (int i = 0; i < costs.size(); i++) {
            assertThat(stored.get((long) i)).as("line %d", i).isEqualByComparingTo(costs.get(i));
        }
    }

    @Test
    void aCostBeyondTheColumnsPrecisionIsRefusedAndNothingIsStored() {
        String file = randomSha();
        BillingLineItem huge = new BillingLineItem("AWS", "a", "2030-01", Instant.parse("2030-01-15T10:00:00Z"),
                Instant.parse("2030-01-15T11:00:00Z"), "Usage", null, null, Map.of(), "USD",
                new BigDecimal("1E+15"), BigDecimal.ONE, null);

        assertThatThrownBy(() -> dsl.transaction(tx -> new BillingLineItemWriter(tx.dsl()).copy(file,
                sink -> sink.accept(2, huge)))).hasStackTraceContaining("numeric field overflow");
        assertThat(dsl.fetchCount(BILLING_LINE_ITEM, BILLING_LINE_ITEM.FILE_SHA256.eq(file))).isZero();
        assertThat(writer.holds(file)).isFalse();
    }

    @Test
    void aFileIsStoredOnceTheSecondCopyOfItFailsOnItsClaim() {
        String file = randomSha();
        BillingLineItem item = new BillingLineItem("AWS", "a", "2030-01", Instant.parse("2030-01-15T10:00:00Z"),
                Instant.parse("2030-01-15T11:00:00Z"), "Usage", null, null, Map.of(), "USD", BigDecimal.ONE,
                BigDecimal.ONE, null);
        assertThat(writer.holds(file)).isFalse();
        writer.copy(file, sink -> sink.accept(2, item));

        assertThat(writer.holds(file)).isTrue();
        assertThatThrownBy(() -> writer.copy(file, sink -> sink.accept(2, item)))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("billing_import_file_pk");
        assertThat(dsl.fetchCount(BILLING_LINE_ITEM, BILLING_LINE_ITEM.FILE_SHA256.eq(file))).isEqualTo(1);
    }

    private Record row(String file, long line) {
        return dsl.select(BILLING_LINE_ITEM.asterisk(),
                        DSL.field("to_char({0} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'", String.class,
                                BILLING_LINE_ITEM.CHARGE_PERIOD_START).as("start_text"),
                        DSL.field("to_char({0} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00'", String.class,
                                BILLING_LINE_ITEM.CHARGE_PERIOD_END).as("end_text"),
                        DSL.field("{0} ->> 'flk-tenant'", String.class, BILLING_LINE_ITEM.TAGS).as("tenant"),
                        DSL.field("{0} ->> 'empty'", String.class, BILLING_LINE_ITEM.TAGS).as("empty_tag"))
                .from(BILLING_LINE_ITEM)
                .where(BILLING_LINE_ITEM.FILE_SHA256.eq(file).and(BILLING_LINE_ITEM.LINE_NUMBER.eq(line)))
                .fetchSingle();
    }

    private static String randomSha() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
