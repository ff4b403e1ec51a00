package io.flk.projections.billing;

import static io.flk.db.Tables.BILLING_LINE_ITEM;

import io.flk.domain.billing.BillingLineItem;
import io.flk.domain.billing.BillingLineItemSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
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
            + "FROM STDIN (FORMAT csv)";
    private static final int FLUSH_CHARS = 256 * 1024;

    private final DSLContext dsl;

    public BillingLineItemWriter(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Whether rows of this file are stored (committed, or written earlier in the caller's transaction). */
    public boolean holds(String fileSha256) {
        return dsl.fetchExists(BILLING_LINE_ITEM, BILLING_LINE_ITEM.FILE_SHA256.eq(fileSha256));
    }

    /**
     * Opens a COPY for the file, lets {@code producer} feed it and finishes it; returns the rows stored. If the
     * producer throws, the COPY is cancelled and the exception passes on (the caller's transaction rolls back).
     */
    public long copy(String fileSha256, Consumer<BillingLineItemSink> producer) {
        return dsl.connectionResult(connection -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            try {
                Rows rows = new Rows(copy, fileSha256);
                producer.accept(rows);
                rows.flush();
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        });
    }

    /** Encodes rows as COPY csv: every text quoted (so "" is an empty string), NULL as an empty field. */
    private static final class Rows implements BillingLineItemSink {

        private final CopyIn copy;
        private final String prefix;
        private final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 4096);

        Rows(CopyIn copy, String fileSha256) {
            this.copy = copy;
            this.prefix = fileSha256 + ",";
        }

        @Override
        public void accept(long line, BillingLineItem item) {
            StringBuilder out = buffer.append(prefix).append(line).append(',');
            text(out, item.provider()).append(',');
            text(out, item.billingAccountId()).append(',');
            out.append(item.billingPeriod()).append(',')
                    .append(item.chargePeriodStart()).append(',')
                    .append(item.chargePeriodEnd()).append(',')
                    .append(item.chargePeriodStart().atOffset(ZoneOffset.UTC).toLocalDate()).append(',');
            text(out, item.chargeCategory()).append(',');
            text(out, item.serviceName()).append(',');
            text(out, item.resourceId()).append(',');
            if (!item.tags().isEmpty()) {
                text(out, json(item.tags()));
            }
            out.append(',');
            text(out, item.billingCurrency()).append(',');
            number(out, item.billedCost()).append(',');
            number(out, item.effectiveCost()).append(',');
            number(out, item.listCost()).append('\n');
            if (buffer.length() >= FLUSH_CHARS) {
                flush();
            }
        }

        void flush() {
            if (buffer.length() == 0) {
                return;
            }
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            buffer.setLength(0);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new UncheckedIOException(new IOException("COPY into billing_line_item failed", e));
            }
        }

        private static StringBuilder text(StringBuilder out, String value) {
            if (value == null) {
                return out;
            }
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    out.append('"');
                }
                out.append(c);
            }
            return out.append('"');
        }

        private static StringBuilder number(StringBuilder out, BigDecimal value) {
            return value == null ? out : out.append(value.toPlainString());
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
