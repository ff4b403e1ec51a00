package io.flk.commands.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.flk.domain.billing.BillingFileRejected;
import io.flk.domain.billing.BillingFormat;
import io.flk.domain.billing.BillingLineItem;
import io.flk.domain.billing.BillingLineItemSink;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads a billing file of any supported format as a stream of FOCUS line items, in constant memory: one row at a
 * time, handed to a sink. Plain or gzip (recognised by its magic bytes), with or without a UTF-8 byte order mark.
 * The format is given or recognised from the header. Anything wrong ends the parse with a
 * {@link BillingFileRejected} naming the line and column; the caller discards whatever the sink received.
 */
public final class BillingFileParser {

    public record ParseResult(BillingFormat format, long rows) {
    }

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int BUFFER = 1 << 16;
    private static final int MAX_HEADER_CHARS = 1 << 20;

    /**
     * @param format null to recognise the format from the header
     */
    public ParseResult parse(InputStream input, BillingFormat format, BillingLineItemSink sink) {
        try {
            BufferedReader reader = reader(input);
            reader.mark(MAX_HEADER_CHARS);
            String firstLine = reader.readLine();
            reader.reset();
            if (firstLine == null || firstLine.isBlank()) {
                throw new BillingFileRejected("empty-file", 0, null, "the file is empty");
            }
            if (firstLine.stripLeading().startsWith("{")) {
                BillingFormat json = format == null ? BillingFormat.GCP_BIGQUERY_JSONL : format;
                if (json != BillingFormat.GCP_BIGQUERY_JSONL) {
                    throw new BillingFileRejected("unknown-billing-format", 1, null,
                            "line 1: JSON lines are read as " + BillingFormat.GCP_BIGQUERY_JSONL + ", not " + json);
                }
                return new ParseResult(json, jsonLines(reader, sink));
            }
            return csv(reader, firstLine, format, sink);
        } catch (IOException e) {
            throw unreadable(e, 0);
        }
    }

    private static BufferedReader reader(InputStream input) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(input, BUFFER);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        InputStream decoded = first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2
                ? new GZIPInputStream(buffered, BUFFER) : buffered;
        BufferedReader reader = new BufferedReader(new InputStreamReader(decoded, StandardCharsets.UTF_8), BUFFER);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private ParseResult csv(BufferedReader reader, String firstLine, BillingFormat given, BillingLineItemSink sink)
            throws IOException {
        if (firstLine.indexOf(',') < 0) {
            for (char other : new char[] {';', '\t', '|'}) {
                if (firstLine.indexOf(other) >= 0) {
                    throw new BillingFileRejected("wrong-delimiter", 1, null, "line 1: columns are separated by '"
                            + (other == '\t' ? "\\t" : String.valueOf(other)) + "'; billing files use ','");
                }
            }
        }
        CSVFormat csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY).get();
        CSVParser parser;
        try {
            parser = csv.parse(reader);
        } catch (IllegalArgumentException e) {
            throw new BillingFileRejected("malformed-header", 1, null, "line 1: " + e.getMessage());
        }
        List<String> header = parser.getHeaderNames();
        BillingFormat format = given != null ? given : BillingFormats.recognise(header);
        LineItemMapping mapping = LineItemMapping.of(format, header);
        requireColumns(mapping, header);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i), i);
        }
        CsvRow row = new CsvRow(columns);
        Rows rows = new Rows(mapping, sink);
        Iterator<CSVRecord> records = parser.iterator();
        long line = 2;
        while (true) {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    break;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                throw unreadable(e.getCause(), line);
            } catch (IllegalStateException e) {
                throw new BillingFileRejected("malformed-row", line, null, "line " + line + ": " + e.getMessage());
            }
            if (record.size() > header.size()) {
                throw new BillingFileRejected("malformed-row", line, null, "line " + line + " has " + record.size()
                        + " columns, the header " + header.size());
            }
            row.set(record, line);
            rows.accept(row);
            line = parser.getCurrentLineNumber() + 1;
        }
        return new ParseResult(format, rows.finish());
    }

    private static long jsonLines(BufferedReader reader, BillingLineItemSink sink) throws IOException {
        Rows rows = new Rows(new GcpMapping(), sink);
        JsonRow row = new JsonRow();
        long line = 0;
        String text;
        while ((text = readLine(reader, line + 1)) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Tags.JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new BillingFileRejected("malformed-row", line, null, "line " + line + " is not a JSON object");
            }
            if (!node.isObject()) {
                throw new BillingFileRejected("malformed-row", line, null, "line " + line + " is not a JSON object");
            }
            row.set(node, line);
            if (line == 1) {
                requireFields(new GcpMapping(), row);
            }
            rows.accept(row);
        }
        return rows.finish();
    }

    private static String readLine(BufferedReader reader, long line) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw unreadable(e, line);
        }
    }

    private static void requireColumns(LineItemMapping mapping, List<String> header) {
        List<String> missing = new ArrayList<>(mapping.mandatoryColumns());
        missing.removeAll(header);
        if (!missing.isEmpty()) {
            throw new BillingFileRejected("missing-columns", 1, missing.get(0),
                    "line 1: mandatory columns are missing: " + String.join(", ", missing));
        }
    }

    private static void requireFields(LineItemMapping mapping, JsonRow row) {
        List<String> missing = mapping.mandatoryColumns().stream().filter(field -> row.json(field) == null).toList();
        if (!missing.isEmpty()) {
            throw new BillingFileRejected("missing-columns", 1, missing.get(0),
                    "line 1: mandatory fields are missing: " + String.join(", ", missing));
        }
    }

    /** A truncated or corrupt gzip stream, or a CSV that ends inside a quoted value. */
    private static BillingFileRejected unreadable(IOException e, long line) {
        if (e instanceof EOFException || e instanceof ZipException) {
            return new BillingFileRejected("truncated-file", line, null,
                    "line " + line + ": the compressed file is truncated or corrupt");
        }
        return new BillingFileRejected("malformed-row", line, null, "line " + line + ": " + e.getMessage());
    }

    /** Maps rows, enforces one currency per file unless rows carry a rate, counts, and refuses a file of no rows. */
    private static final class Rows {

        private final LineItemMapping mapping;
        private final BillingLineItemSink sink;
        private String currency;
        private long count;

        Rows(LineItemMapping mapping, BillingLineItemSink sink) {
            this.mapping = mapping;
            this.sink = sink;
        }

        void accept(Row row) {
            BillingLineItem item = mapping.map(row);
            if (currency == null) {
                currency = item.billingCurrency();
            } else if (!currency.equals(item.billingCurrency()) && !mapping.carriesRate(row)) {
                throw new BillingFileRejected("mixed-currencies", row.line(), "currency", "line " + row.line()
                        + ": billed in " + item.billingCurrency() + " after rows in " + currency
                        + ", without an exchange rate");
            }
            count++;
            sink.accept(row.line(), item);
        }

        long finish() {
            if (count == 0) {
                throw new BillingFileRejected("empty-file", 1, null, "line 1: the file has a header but no rows");
            }
            return count;
        }
    }
}
