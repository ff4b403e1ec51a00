package io.flk.commands.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.commands.billing.BillingFileParser.ParseResult;
import io.flk.domain.billing.BillingFileRejected;
import io.flk.domain.billing.BillingFormat;
import io.flk.domain.billing.BillingLineItem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bundled real export parsed, its totals checked against sums of the raw columns read independently
 * (commons-csv and Jackson here, not the parser's mappings); and every kind of bad input refused with its line.
 */
class BillingFileParserTest {

    static final Path DATA = Path.of("src/test/resources/billing-data");
    private static final String FOCUS_HEADER = String.join(",", FocusMapping.MANDATORY) + ",ListUnitPrice,Tags";

    private final BillingFileParser parser = new BillingFileParser();

    @ParameterizedTest(name = "{0} is read as {1}")
    @CsvSource({
            "focus/focus_sample_1.0.csv, FOCUS_1_0, BilledCost, EffectiveCost",
            "billing/aws_cur_legacy_2018-06.csv, AWS_CUR_LEGACY, lineItem/UnblendedCost, lineItem/UnblendedCost",
            "billing/aws_cur_snake_case_2022-07.csv, AWS_CUR_2, line_item_unblended_cost, line_item_unblended_cost",
            "billing/gcp_bigquery_export_2022-08.csv, GCP_BIGQUERY_CSV, cost, cost",
            "billing/azure_ea_v2.csv, AZURE_EA, CostInBillingCurrency, CostInBillingCurrency",
            "billing/azure_mca_camel.csv, AZURE_MCA, costInBillingCurrency, costInBillingCurrency"})
    void everyBundledExportIsRecognisedAndItsTotalsMatchTheRawColumns(String file, BillingFormat format,
                                                                      String billedColumn, String effectiveColumn)
            throws IOException {
        List<BillingLineItem> items = new ArrayList<>();
        ParseResult result;
        try (InputStream in = Files.newInputStream(DATA.resolve(file))) {
            result = parser.parse(in, null, (line, item) -> items.add(item));
        }
        List<CSVRecord> raw = rawRecords(DATA.resolve(file));

        assertThat(result.format()).isEqualTo(format);
        assertThat(result.rows()).isEqualTo(raw.size()).isEqualTo(items.size());
        assertThat(sum(items, BillingLineItem::billedCost)).isEqualByComparingTo(sumColumn(raw, billedColumn));
        BigDecimal effective = sumColumn(raw, effectiveColumn);
        if (format == BillingFormat.GCP_BIGQUERY_CSV) {
            effective = effective.add(sumCredits(raw));
        }
        assertThat(sum(items, BillingLineItem::effectiveCost)).isEqualByComparingTo(effective);
    }

    @Test
    void focusQuirksNullTimestampsWithoutZoneAndExtraColumnsAreRead() throws IOException {
        List<BillingLineItem> items = new ArrayList<>();
        try (InputStream in = Files.newInputStream(DATA.resolve("focus/focus_sample_1.0.csv"))) {
            parser.parse(in, BillingFormat.FOCUS_1_0, (line, item) -> items.add(item));
        }
        BillingLineItem first = items.get(0);
        assertThat(first.chargePeriodStart()).isEqualTo(Instant.parse("2024-09-18T22:00:00Z"));
        assertThat(first.billingPeriod()).isEqualTo("2024-09");
        assertThat(first.provider()).isEqualTo("AWS");
        assertThat(items).filteredOn(item -> item.resourceId() == null).hasSize(75);
        assertThat(items.get(1).tags()).containsEntry("application", "BrightLensMatrix");
        assertThat(items).extracting(BillingLineItem::provider).containsOnly("AWS", "Microsoft", "Oracle");
    }

    @Test
    void gzipIsRecognisedByItsMagicBytes() throws IOException {
        byte[] plain = Files.readAllBytes(DATA.resolve("billing/aws_cur_legacy_2018-06.csv"));
        ParseResult result = parser.parse(new ByteArrayInputStream(gzip(plain)), null, (line, item) -> { });
        assertThat(result).isEqualTo(new ParseResult(BillingFormat.AWS_CUR_LEGACY, 19));
    }

    @Test
    void aTruncatedGzipIsRefusedWhole() throws IOException {
        byte[] compressed = gzip(Files.readAllBytes(DATA.resolve("focus/focus_sample_1.0.csv")));
        byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);
        List<BillingLineItem> items = new ArrayList<>();

        BillingFileRejected rejected = reject(truncated, null, items);

        assertThat(rejected.reason()).isEqualTo("truncated-file");
        assertThat(rejected.line()).isGreaterThan(1);
        assertThat(items).as("rows before the cut reached the sink; the caller discards them").isNotEmpty();
    }

    @ParameterizedTest(name = "BOM: {0}")
    @CsvSource({"true", "false"})
    void azurePayAsYouGoIsReadWithOrWithoutAByteOrderMark(boolean bom) {
        String csv = """
                SubscriptionGuid,ResourceGroup,UsageDateTime,MeterCategory,UsageQuantity,ResourceRate,PreTaxCost,InstanceId,Tags,Currency
                sub-1,rg,2019-06-03,Virtual Machines,24,0.1,2.4,/subscriptions/sub-1/vm1,"""
                + "\"{\"\"flk-tenant\"\": \"\"acme\"\"}\",USD\n"
                + "sub-1,rg,2019-06-04,Storage,1,0.5,0.5,/subscriptions/sub-1/disk,,USD\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        if (bom) {
            byte[] withBom = new byte[bytes.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(bytes, 0, withBom, 3, bytes.length);
            bytes = withBom;
        }
        List<BillingLineItem> items = new ArrayList<>();

        ParseResult result = parser.parse(new ByteArrayInputStream(bytes), null, (line, item) -> items.add(item));

        assertThat(result).isEqualTo(new ParseResult(BillingFormat.AZURE_PAYG, 2));
        assertThat(items.get(0).tags()).containsEntry("flk-tenant", "acme");
        assertThat(items.get(0).billingPeriod()).isEqualTo("2019-06");
        assertThat(items.get(1).chargePeriodEnd()).isEqualTo(Instant.parse("2019-06-05T00:00:00Z"));
    }

    @Test
    void gcpJsonLinesSumCreditsIntoTheEffectiveCost() {
        String jsonl = """
                {"billing_account_id":"01-AB","service":{"id":"6F81","description":"Compute Engine"},"usage_start_time":"2022-08-01 03:00:00 UTC","usage_end_time":"2022-08-01 04:00:00 UTC","cost":1.25,"currency":"EUR","credits":[{"name":"CUD","amount":-0.2},{"name":"Free tier","amount":-0.05}],"labels":[{"key":"flk-tenant","value":"acme"}],"invoice":{"month":"202208"},"cost_type":"regular"}

                {"billing_account_id":"01-AB","service":{"description":"BigQuery"},"usage_start_time":"2022-08-31T23:00:00Z","usage_end_time":"2022-09-01T00:00:00Z","cost":0.1,"currency":"EUR","credits":[],"labels":[],"invoice":{"month":"202208"}}
                """;
        List<BillingLineItem> items = new ArrayList<>();
        List<Long> lines = new ArrayList<>();

        ParseResult result = parser.parse(stream(jsonl), null, (line, item) -> {
            lines.add(line);
            items.add(item);
        });

        assertThat(result).isEqualTo(new ParseResult(BillingFormat.GCP_BIGQUERY_JSONL, 2));
        assertThat(lines).containsExactly(1L, 3L);
        assertThat(items.get(0).effectiveCost()).isEqualByComparingTo("1.00");
        assertThat(items.get(0).billedCost()).isEqualByComparingTo("1.25");
        assertThat(items.get(0).tags()).containsEntry("flk-tenant", "acme");
        assertThat(items.get(0).provider()).isEqualTo("Google Cloud");
        assertThat(items.get(1).billingPeriod()).isEqualTo("2022-08");
    }

    @Test
    void anUnknownHeaderIsRefused() {
        assertRejected("a,b,c\n1,2,3\n", "unknown-billing-format", 1, null);
    }

    @Test
    void missingMandatoryColumnsAreNamed() {
        String header = FOCUS_HEADER.replace("BillingCurrency,", "");
        assertRejected(header + "\n", BillingFormat.FOCUS_1_0, "missing-columns", 1, "BillingCurrency");
    }

    @Test
    void aWrongDelimiterIsRefusedOnTheHeader() {
        assertRejected(FOCUS_HEADER.replace(',', ';') + "\n", "wrong-delimiter", 1, null);
    }

    @Test
    void mixedCurrenciesWithoutARateAreRefusedAtTheFirstOtherCurrency() {
        assertRejected(focus(focusRow("USD", "1.5", "2024-09-02 00:00:00"), focusRow("USD", "1", "2024-09-02 00:00:00"),
                focusRow("EUR", "1", "2024-09-02 00:00:00")), "mixed-currencies", 4, "currency");
    }

    @Test
    void aNonNumericCostIsRefusedWithLineAndColumn() {
        assertRejected(focus(focusRow("USD", "1.5", "2024-09-02 00:00:00"), focusRow("USD", "12.5x", "2024-09-02 00:00:00")),
                "not-a-number", 3, "BilledCost");
    }

    @Test
    void aNegativeListUnitPriceIsRefused() {
        assertRejected(focus(focusRow("USD", "1.5", "2024-09-02 00:00:00").replace(",0.1,", ",-0.1,")),
                "negative-cost", 2, "ListUnitPrice");
    }

    @Test
    void aNegativeRegularGcpCostIsRefused() throws IOException {
        String csv = Files.readString(DATA.resolve("billing/gcp_bigquery_export_2022-08.csv"))
                .replace(",1e-05,USD,", ",-1e-05,USD,");
        assertRejected(csv, "negative-cost", 10, "cost");
    }

    @Test
    void datesOutOfRangeAreRefused() {
        assertRejected(focus(focusRow("USD", "1", "1899-09-02 00:00:00")), "date-out-of-range", 2, "ChargePeriodStart");
        assertRejected(focus(focusRow("USD", "1", "2024-13-02 00:00:00")), "not-a-date", 2, "ChargePeriodStart");
    }

    @Test
    void aHeaderWithoutRowsIsRefused() {
        assertRejected(FOCUS_HEADER + "\n", "empty-file", 1, null);
        assertRejected("", "empty-file", 0, null);
    }

    @Test
    void aRowWithMoreColumnsThanTheHeaderIsRefused() {
        assertRejected(focus(focusRow("USD", "1", "2024-09-02 00:00:00") + ",extra"), "malformed-row", 2, null);
    }

    private void assertRejected(String content, String reason, long line, String column) {
        assertRejected(content, null, reason, line, column);
    }

    private void assertRejected(String content, BillingFormat format, String reason, long line, String column) {
        BillingFileRejected rejected = reject(content.getBytes(StandardCharsets.UTF_8), format, new ArrayList<>());
        assertThat(rejected.reason()).as(rejected.getMessage()).isEqualTo(reason);
        assertThat(rejected.line()).as(rejected.getMessage()).isEqualTo(line);
        assertThat(rejected.column()).as(rejected.getMessage()).isEqualTo(column);
        if (line > 0) {
            assertThat(rejected.getMessage()).contains("line " + line);
        }
    }

    private BillingFileRejected reject(byte[] content, BillingFormat format, List<BillingLineItem> items) {
        return catchThrowableOfType(BillingFileRejected.class,
                () -> parser.parse(new ByteArrayInputStream(content), format, (line, item) -> items.add(item)));
    }

    /** A FOCUS file with the mandatory columns, ListUnitPrice and Tags. */
    static String focus(String... rows) {
        return FOCUS_HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    static String focusRow(String currency, String billedCost, String chargeStart) {
        // BilledCost..ServiceName in FocusMapping.MANDATORY order, then ListUnitPrice and Tags
        return String.join(",", billedCost, "acct-1", "Account", currency, "2024-10-01 00:00:00",
                "2024-09-01 00:00:00", "Usage", "NULL", "compute", "2024-09-02 01:00:00", chargeStart, "0",
                billedCost, "AWS", billedCost, "1", "Hours", "AWS", "AWS", "Compute", "EC2", "0.1", "NULL");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        }
        return out.toByteArray();
    }

    static List<CSVRecord> rawRecords(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true)
                    .get().parse(reader).getRecords();
        }
    }

    static BigDecimal sumColumn(List<CSVRecord> records, String column) {
        return records.stream().map(record -> record.get(column)).filter(value -> !value.isEmpty() && !value.equals("NULL"))
                .map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal sumCredits(List<CSVRecord> records) throws IOException {
        BigDecimal sum = BigDecimal.ZERO;
        ObjectMapper json = new ObjectMapper();
        for (CSVRecord record : records) {
            for (JsonNode credit : json.readTree(record.get("credits"))) {
                sum = sum.add(new BigDecimal(credit.get("amount").asText()));
            }
        }
        return sum;
    }

    private static BigDecimal sum(List<BillingLineItem> items, Function<BillingLineItem, BigDecimal> cost) {
        return items.stream().map(cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
