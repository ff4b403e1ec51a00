package io.flk.projections.billing;

import static io.flk.db.Tables.BILLING_IMPORT_FILE;

import io.flk.domain.billing.BillingLineItem;
import io.flk.domain.billing.BillingLineItemSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.ByteConverter;
import org.springframework.stereotype.Component;

/**
 * Streams a file's line items into {@code billing_line_item} with PostgreSQL's {@code COPY}, on the connection of
 * the caller's transaction: the rows commit together with the import's events or not at all. COPY because a
 * million rows through INSERT batches would cost more than parsing them.
 */
@Component
public class BillingLineItemWriter {

    private static final String COPY = "COPY billing_line_item (file_sha256, line_number, provider, "
            + "billing_account_id, billing_period, charge_period_start, charge_period_end, charge_day, charge_category, "
            + "service_name, resource_id, tags, billing_currency, billed_cost, effective_cost, list_cost) "
            + "FROM STDIN (FORMAT binary)";
    private static final int FLUSH_BYTES = 256 * 1024;

    private final DSLContext dsl;

    public BillingLineItemWriter(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Whether rows of this file are stored (committed, or written earlier in the caller's transaction). */
    public boolean holds(String fileSha256) {
        return dsl.fetchExists(BILLING_IMPORT_FILE, BILLING_IMPORT_FILE.FILE_SHA256.eq(fileSha256));
    }

    /**
     * Claims the file, opens a COPY for it, lets {@code producer} feed it and finishes it; returns the rows stored.
     * The claim (one row per file, unique) is what keeps a file's rows from being stored twice: a second copy of
     * the same file fails on it with a unique violation, or waits for a concurrent one to commit and then fails.
     * If the producer throws, the COPY is cancelled and the exception passes on (the caller's transaction rolls
     * back, the claim with it).
     */
    public long copy(String fileSha256, Consumer<BillingLineItemSink> producer) {
        dsl.insertInto(BILLING_IMPORT_FILE).set(BILLING_IMPORT_FILE.FILE_SHA256, fileSha256).execute();
        return dsl.connectionResult(connection -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            try {
                Rows rows = new Rows(copy, fileSha256);
                producer.accept(rows);
                rows.finish();
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        });
    }

    /**
     * Encodes rows in COPY's binary format: the server stores timestamps, dates and numbers as sent instead of
     * parsing their text, which is most of what COPY csv costs it. Numbers keep their typmod check (NUMERIC(38, 24)
     * rounds and refuses overflow as it does for text); text is UTF-8, NULL a length of -1.
     */
    private static final class Rows implements BillingLineItemSink {

        private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
                0, 0, 0, 0, 0, 0, 0, 0};
        private static final short COLUMNS = 16;
        /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix seconds and in epoch days. */
        private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
        private static final long POSTGRES_EPOCH_DAYS = 10_957L;

        private static final short NUMERIC_NEGATIVE = 0x4000;
        /** Beyond this scale, or beyond a long, numbers go through the driver's general (slower) encoder. */
        private static final int MAX_FAST_SCALE = 1000;

        private final CopyIn copy;
        private final byte[] sha;
        private final short[] digits = new short[8];
        private byte[] buffer = new byte[FLUSH_BYTES + 8192];
        private int length;

        Rows(CopyIn copy, String fileSha256) {
            this.copy = copy;
            this.sha = fileSha256.getBytes(StandardCharsets.US_ASCII);
            bytes(HEADER);
        }

        @Override
        public void accept(long line, BillingLineItem item) {
            int16(COLUMNS);
            field(sha);
            int32(8);
            int64(line);
            text(item.provider());
            text(item.billingAccountId());
            text(item.billingPeriod());
            timestamp(item.chargePeriodStart());
            timestamp(item.chargePeriodEnd());
            int32(4);
            int32((int) (item.chargePeriodStart().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay()
                    - POSTGRES_EPOCH_DAYS));
            text(item.chargeCategory());
            text(item.serviceName());
            text(item.resourceId());
            if (item.tags().isEmpty()) {
                int32(-1);
            } else {
                jsonb(item.tags());
            }
            text(item.billingCurrency());
            number(item.billedCost());
            number(item.effectiveCost());
            number(item.listCost());
            if (length >= FLUSH_BYTES) {
                flush();
            }
        }

        void finish() {
            int16((short) -1);
            flush();
        }

        private void flush() {
            if (length == 0) {
                return;
            }
            try {
                copy.writeToCopy(buffer, 0, length);
            } catch (SQLException e) {
                throw new UncheckedIOException(new IOException("COPY into billing_line_item failed", e));
            }
            length = 0;
        }

        private void text(String value) {
            if (value == null) {
                int32(-1);
                return;
            }
            int chars = value.length();
            room(4 + chars);
            int at = length + 4;
            for (int i = 0; i < chars; i++) {
                char c = value.charAt(i);
                if (c >= 0x80) {
                    field(value.getBytes(StandardCharsets.UTF_8));
                    return;
                }
                buffer[at++] = (byte) c;
            }
            int32(chars);
            length += chars;
        }

        /** Tags as jsonb: written straight into the buffer while they are ASCII, through a String otherwise. */
        private void jsonb(Map<String, String> tags) {
            int start = length;
            int32(0);
            room(1);
            buffer[length++] = 1; // jsonb binary format version: the JSON text follows
            ascii('{');
            boolean first = true;
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                if (!first) {
                    ascii(',');
                }
                first = false;
                if (!asciiJsonString(tag.getKey())) {
                    length = start;
                    field1(json(tags).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                ascii(':');
                if (!asciiJsonString(tag.getValue())) {
                    length = start;
                    field1(json(tags).getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            ascii('}');
            int end = length;
            length = start;
            int32(end - start - 4);
            length = end;
        }

        /** A jsonb field: its length, the format version 1, the JSON text. */
        private void field1(byte[] json) {
            int32(json.length + 1);
            room(1);
            buffer[length++] = 1;
            bytes(json);
        }

        private void ascii(char c) {
            room(1);
            buffer[length++] = (byte) c;
        }

        /** Writes the value as a JSON string if it is ASCII; false (having written part of it) if it is not. */
        private boolean asciiJsonString(String value) {
            if (value == null) {
                room(4);
                buffer[length++] = 'n';
                buffer[length++] = 'u';
                buffer[length++] = 'l';
                buffer[length++] = 'l';
                return true;
            }
            ascii('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c >= 0x80 || c < 0x20) {
                    return false;
                }
                if (c == '"' || c == '\\') {
                    ascii('\\');
                }
                ascii(c);
            }
            ascii('"');
            return true;
        }

        private void timestamp(Instant instant) {
            long micros = (instant.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L;
            int nanos = instant.getNano();
            long roundedMicros = nanos / 1000;
            int remainder = nanos % 1000;
            // as PostgreSQL rounds fractional seconds it parses: to the nearest microsecond, ties to even
            if (remainder > 500 || remainder == 500 && (roundedMicros & 1) == 1) {
                roundedMicros++;
            }
            int32(8);
            int64(micros + roundedMicros);
        }

        private void number(BigDecimal value) {
            if (value == null) {
                int32(-1);
                return;
            }
            int scale = value.scale();
            if (scale < 0 || scale > MAX_FAST_SCALE || value.unscaledValue().bitLength() > 63) {
                field(ByteConverter.numeric(value));
                return;
            }
            long unscaled = Math.abs(value.unscaledValue().longValue());
            // base-10000 digits aligned on the decimal point: pad the fraction to whole groups of four
            int pad = (4 - scale % 4) % 4;
            if (unscaled < 0 || unscaled > Long.MAX_VALUE / 1000) { // Long.MIN_VALUE, or no room for the padding
                field(ByteConverter.numeric(value));
                return;
            }
            for (int i = 0; i < pad; i++) {
                unscaled *= 10;
            }
            int groups = 0;
            for (long rest = unscaled; rest != 0; rest /= 10_000) {
                digits[groups++] = (short) (rest % 10_000);
            }
            int32(8 + 2 * groups);
            int16((short) groups);
            int16((short) (groups == 0 ? 0 : groups - 1 - (scale + pad) / 4)); // weight of the first digit
            int16(value.signum() < 0 ? NUMERIC_NEGATIVE : 0);
            int16((short) scale);
            for (int i = groups - 1; i >= 0; i--) {
                int16(digits[i]);
            }
        }

        private void field(byte[] value) {
            int32(value.length);
            bytes(value);
        }

        private void bytes(byte[] value) {
            room(value.length);
            System.arraycopy(value, 0, buffer, length, value.length);
            length += value.length;
        }

        private void int16(short value) {
            room(2);
            buffer[length++] = (byte) (value >>> 8);
            buffer[length++] = (byte) value;
        }

        private void int32(int value) {
            room(4);
            buffer[length++] = (byte) (value >>> 24);
            buffer[length++] = (byte) (value >>> 16);
            buffer[length++] = (byte) (value >>> 8);
            buffer[length++] = (byte) value;
        }

        private void int64(long value) {
            int32((int) (value >>> 32));
            int32((int) value);
        }

        /** A value larger than the buffer (a huge tag set) grows it; the next flush empties it as usual. */
        private void room(int bytes) {
            if (length + bytes > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes));
            }
        }

        private static String json(Map<String, String> tags) {
            StringBuilder json = new StringBuilder(tags.size() * 32).append('{');
            tags.forEach((key, value) -> {
                if (json.length() > 1) {
                    json.append(',');
                }
                jsonString(json, key).append(':');
                jsonString(json, value);
            });
            return json.append('}').toString();
        }

        private static StringBuilder jsonString(StringBuilder out, String value) {
            if (value == null) {
                return out.append("null");
            }
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"');
        }
    }
}
