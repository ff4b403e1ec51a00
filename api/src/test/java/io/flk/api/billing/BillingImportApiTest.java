package io.flk.api.billing;

import static io.flk.api.testing.BillingUploads.FOCUS_HEADER;
import static io.flk.api.testing.BillingUploads.IMPORTS;
import static io.flk.api.testing.BillingUploads.focusRow;
import static io.flk.api.testing.BillingUploads.upload;
import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.db.Tables.BILLING_LINE_ITEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import io.flk.db.testing.TestDatabase;
import io.flk.domain.cost.ImportedCostQueries.FetchImportedDailyCost;
import io.flk.domain.cost.ImportedCostQueries.ImportedDailyCost;
import io.flk.domain.cost.ImportedCostQueries.ImportedDailyCosts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Billing files imported over real HTTP, as multipart uploads or server-side paths, on the embedded PostgreSQL. */
class BillingImportApiTest extends ApiTestSupport {

    /** The bundled exports (with their licences) live once, in the importers' test resources. */
    private static final Path DATA = Path.of("../commands/src/test/resources/billing-data");
    private static final AtomicInteger DAYS_TAKEN = new AtomicInteger();
    /** Costs as written, not as the nearest double. */
    private static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Autowired
    private QueryGateway queries;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "focus/focus_sample_1.0.csv, FOCUS_1_0, BilledCost",
            "billing/aws_cur_legacy_2018-06.csv, AWS_CUR_LEGACY, lineItem/UnblendedCost",
            "billing/aws_cur_snake_case_2022-07.csv, AWS_CUR_2, line_item_unblended_cost",
            "billing/gcp_bigquery_export_2022-08.csv, GCP_BIGQUERY_CSV, cost",
            "billing/azure_ea_v2.csv, AZURE_EA, CostInBillingCurrency",
            "billing/azure_mca_camel.csv, AZURE_MCA, costInBillingCurrency"})
    void everyBundledExportImportsWithTheTotalsOfItsRawCostColumn(String file, String format, String costColumn)
            throws IOException {
        byte[] content = Files.readAllBytes(DATA.resolve(file));
        List<CSVRecord> raw = records(content);

        HttpJson.Response imported = upload(port, OPERATOR, file, content, null);

        assertThat(imported.status()).as(imported.toString()).isIn(200, 201);
        JsonNode body = EXACT.readTree(imported.body());
        assertThat(body.path("fileSha256").asText()).isEqualTo(sha256(content));
        assertThat(body.path("format").asText()).isEqualTo(format);
        assertThat(body.path("rows").asLong()).isEqualTo(raw.size());
        assertThat(sumOf(body.path("totals"), "billedCost")).isEqualByComparingTo(sumColumn(raw, costColumn));
        assertThat(storedRows(sha256(content))).isEqualTo(raw.size());
    }

    @Test
    void theSameFileAgainIsAnsweredWithTheEarlierImportAndChangesNothing() throws IOException {
        byte[] content = focus(LocalDate.of(2031, 3, 4), "acct-" + UUID.randomUUID(), "10.25", "acme");
        HttpJson.Response first = upload(port, OPERATOR, "bill.csv", content, "FOCUS_1_0");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Location")).contains(IMPORTS + "/" + sha256(content));
        int events = eventsMentioning(sha256(content));

        HttpJson.Response again = upload(port, OPERATOR, "same-bill.csv", content, null);

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("rows").asLong()).isEqualTo(2);
        assertThat(again.json().path("importedAt").asText()).isEqualTo(first.json().path("importedAt").asText());
        assertThat(eventsMentioning(sha256(content))).isEqualTo(events).isEqualTo(1);
        assertThat(storedRows(sha256(content))).isEqualTo(2);
    }

    @Test
    void aCorrectedExportSupersedesTheEarlierFileWhoseRowsNoLongerCount() throws IOException {
        LocalDate day = uniqueDay();
        String account = "acct-" + UUID.randomUUID();
        byte[] original = focus(day, account, "10", "acme");
        byte[] corrected = focus(day, account, "12", "acme");
        assertThat(upload(port, OPERATOR, "original.csv", original, null).status()).isEqualTo(201);

        HttpJson.Response correction = upload(port, OPERATOR, "corrected.csv", corrected, null);

        assertThat(correction.status()).as(correction.toString()).isEqualTo(201);
        assertThat(eventsMentioning("BillingExportSuperseded", sha256(original))).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(as(AUDITOR)
                .get(IMPORTS + "/" + sha256(original)).json().path("exports").path(0)
                .path("supersededByFileSha256").asText()).isEqualTo(sha256(corrected)));
        assertThat(dailyCost(day)).extracting(ImportedDailyCost::effectiveCost)
                .containsExactly(new BigDecimal("24"));
    }

    @Test
    void importedCostIsSummedPerTenantTagWhetherTaggedFlkTenantOrTenant() throws IOException {
        LocalDate day = uniqueDay();
        String csv = FOCUS_HEADER + "\n"
                + focusRow(day, "acct-t", "1.5", "{\"\"flk-tenant\"\": \"\"acme\"\"}") + "\n"
                + focusRow(day, "acct-t", "2.5", "{\"\"tenant\"\": \"\"acme\"\"}") + "\n"
                + focusRow(day, "acct-t", "4", "{\"\"tenant\"\": \"\"globex\"\"}") + "\n"
                + focusRow(day, "acct-t", "8", "NULL") + "\n";
        assertThat(upload(port, OPERATOR, "tenants.csv", csv.getBytes(StandardCharsets.UTF_8), null).status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dailyCost(day)).hasSize(3));
        assertThat(dailyCost(day)).extracting(ImportedDailyCost::tenantTag, ImportedDailyCost::effectiveCost)
                .containsExactlyInAnyOrder(tuple("acme", new BigDecimal("4")),
                        tuple("globex", new BigDecimal("4")),
                        tuple(null, new BigDecimal("8")));
    }

    @Test
    void aLargeFileBeyondTheGeneralBodyLimitIsAccepted() throws IOException {
        StringBuilder csv = new StringBuilder(FOCUS_HEADER).append('\n');
        LocalDate day = uniqueDay();
        String account = "acct-" + UUID.randomUUID();
        while (csv.length() < 3 * 1024 * 1024) {
            csv.append(focusRow(day, account, "0.01", "NULL")).append('\n');
        }
        byte[] content = csv.toString().getBytes(StandardCharsets.UTF_8);

        HttpJson.Response imported = upload(port, OPERATOR, "large.csv", content, null);

        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(storedRows(sha256(content))).isEqualTo(imported.json().path("rows").asLong()).isGreaterThan(10_000);
    }

    @Test
    void aServerSideFileInsideTheImportDirectoryIsImportedAndPathsOutsideItAreRefused() throws IOException {
        Path directory = Files.createDirectories(Path.of("data/billing-imports"));
        byte[] content = gzip(focus(uniqueDay(), "acct-" + UUID.randomUUID(), "3", "acme"));
        String name = "bill-" + UUID.randomUUID() + ".csv.gz";
        Files.write(directory.resolve(name), content);

        HttpJson.Response imported = as(OPERATOR).post(IMPORTS, "{\"path\":\"" + name + "\"}");

        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().path("fileSha256").asText()).isEqualTo(sha256(content));
        assertProblem(as(OPERATOR).post(IMPORTS, "{\"path\":\"../../pom.xml\"}"), 400, "invalid-field", "path");
        assertProblem(as(OPERATOR).post(IMPORTS, "{\"path\":\"" + Path.of("pom.xml").toAbsolutePath() + "\"}"), 400,
                "invalid-field", "path");
        assertProblem(as(OPERATOR).post(IMPORTS, "{\"path\":\"missing.csv\"}"), 400, "invalid-field", "path");
    }

    @Test
    void aTruncatedGzipIsRefusedWithItsLineAndNothingIsStored() throws IOException {
        byte[] compressed = gzip(Files.readAllBytes(DATA.resolve("focus/focus_sample_1.0.csv")));
        byte[] truncated = Arrays.copyOf(compressed, compressed.length * 2 / 3);

        HttpJson.Response refused = upload(port, OPERATOR, "cut.csv.gz", truncated, null);

        assertProblem(refused, 422, "truncated-file", "file");
        assertThat(refused.json().path("line").asLong()).isGreaterThan(1);
        assertNothingStored(truncated);
    }

    @Test
    void aBadRowIsRefusedNamingLineAndColumnAndNoEarlierRowIsKept() {
        LocalDate day = uniqueDay();
        String csv = FOCUS_HEADER + "\n" + focusRow(day, "acct-b", "1", "NULL") + "\n"
                + focusRow(day, "acct-b", "abc", "NULL") + "\n";
        byte[] content = csv.getBytes(StandardCharsets.UTF_8);

        HttpJson.Response refused = upload(port, OPERATOR, "bad.csv", content, null);

        assertProblem(refused, 422, "not-a-number", "BilledCost");
        assertThat(refused.json().path("line").asLong()).isEqualTo(3);
        assertThat(refused.json().path("column").asText()).isEqualTo("BilledCost");
        assertNothingStored(content);
    }

    @Test
    void missingColumnsAndAnUnknownFormatAreRefused() {
        byte[] noCurrency = (FOCUS_HEADER.replace("BillingCurrency,", "") + "\n").getBytes(StandardCharsets.UTF_8);
        assertProblem(upload(port, OPERATOR, "x.csv", noCurrency, null), 422, "missing-columns", "BillingCurrency");
        byte[] unknown = "a;b\n1;2\n".getBytes(StandardCharsets.UTF_8);
        assertProblem(upload(port, OPERATOR, "x.csv", unknown, null), 422, "wrong-delimiter", "file");
        assertProblem(upload(port, OPERATOR, "x.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), null), 422,
                "unknown-billing-format", "file");
        assertProblem(upload(port, OPERATOR, "x.csv", noCurrency, "EXCEL"), 400, "invalid-field", "format");
        assertNothingStored(noCurrency);
    }

    @Test
    void operatorsImportAuditorsReadAndTenantsNeither() throws IOException {
        byte[] content = focus(uniqueDay(), "acct-" + UUID.randomUUID(), "1", "acme");
        assertProblem(upload(port, AUDITOR, "x.csv", content, null), 403, "forbidden", null);
        assertProblem(upload(port, TENANT_ACME, "x.csv", content, null), 403, "forbidden", null);
        assertThat(upload(port, OPERATOR, "x.csv", content, null).status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).until(() -> as(AUDITOR).get(IMPORTS + "/" + sha256(content)).status() == 200);
        HttpJson.Response list = as(AUDITOR).get(IMPORTS + "?limit=500");
        assertThat(list.status()).isEqualTo(200);
        List<String> files = new ArrayList<>();
        list.json().path("imports").forEach(entry -> files.add(entry.path("fileSha256").asText()));
        assertThat(files).contains(sha256(content));
        assertProblem(as(TENANT_ACME).get(IMPORTS), 403, "forbidden", null);
        assertProblem(as(AUDITOR).get(IMPORTS + "/not-a-sha"), 400, "invalid-field", "sha256");
        assertProblem(as(AUDITOR).get(IMPORTS + "/" + "0".repeat(64)), 404, "not-found", null);
    }

    private List<ImportedDailyCost> dailyCost(LocalDate day) {
        return queries.query(new FetchImportedDailyCost(day, day.plusDays(1)), ImportedDailyCosts.class).join().lines();
    }

    private void assertNothingStored(byte[] content) {
        assertThat(storedRows(sha256(content))).isZero();
        assertThat(eventsMentioning(sha256(content))).isZero();
    }

    private static long storedRows(String sha256) {
        return TestDatabase.get().dsl().fetchCount(BILLING_LINE_ITEM, BILLING_LINE_ITEM.FILE_SHA256.eq(sha256));
    }

    /** A day of its own, so that cost sums never include another test's rows in the JVM's shared database. */
    private static LocalDate uniqueDay() {
        return LocalDate.of(2040, 1, 1).plusDays(DAYS_TAKEN.getAndIncrement());
    }

    private static byte[] focus(LocalDate day, String account, String cost, String tenant) {
        String tags = "{\"\"flk-tenant\"\": \"\"" + tenant + "\"\"}";
        return (FOCUS_HEADER + "\n" + focusRow(day, account, cost, tags) + "\n" + focusRow(day, account, cost, tags)
                + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<CSVRecord> records(byte[] content) throws IOException {
        try (Reader reader = new StringReader(new String(content, StandardCharsets.UTF_8))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    private static BigDecimal sumColumn(List<CSVRecord> records, String column) {
        return records.stream().map(record -> record.get(column)).filter(v -> !v.isEmpty() && !v.equals("NULL"))
                .map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal sumOf(JsonNode totals, String member) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode total : totals) {
            sum = sum.add(new BigDecimal(total.path(member).asText()));
        }
        return sum;
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
