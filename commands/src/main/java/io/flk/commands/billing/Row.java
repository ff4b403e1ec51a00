package io.flk.commands.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.domain.billing.BillingFileRejected;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One record of a billing file, read by column name, whatever the file's syntax (CSV or JSON lines). Every
 * accessor that refuses a value says where: this row's line and the column's name.
 */
abstract class Row {

    private static final Instant EARLIEST = LocalDate.of(2000, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant LATEST = LocalDate.of(2100, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    private long line;

    final long line() {
        return line;
    }

    final void at(long line) {
        this.line = line;
    }

    /** The raw text, or null when the column is absent, empty or the literal {@code NULL} of FOCUS exports. */
    abstract String text(String column);

    /** A nested value (GCP's repeated credits and labels): parsed from JSON text in CSV, as is in JSON lines. */
    abstract JsonNode json(String column);

    final String required(String column) {
        String value = text(column);
        if (value == null) {
            throw rejected("missing-value", column, "has no value");
        }
        return value;
    }

    final BigDecimal money(String column) {
        return number(column, required(column));
    }

    final BigDecimal optionalMoney(String column) {
        String value = text(column);
        return value == null ? null : number(column, value);
    }

    /** Unit prices and similar that the format defines as never negative. */
    final void requireNotNegative(String column) {
        BigDecimal value = optionalMoney(column);
        if (value != null && value.signum() < 0) {
            throw rejected("negative-cost", column, "is negative (" + value.toPlainString() + "), which this format forbids");
        }
    }

    final BigDecimal number(String column, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw rejected("not-a-number", column, "is not a number: '" + abbreviate(text) + "'");
        }
    }

    final Instant timestamp(String column) {
        String value = required(column);
        Instant instant = Timestamps.parse(value);
        if (instant == null) {
            throw rejected("not-a-date", column, "is not a date or timestamp: '" + abbreviate(value) + "'");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw rejected("date-out-of-range", column, "is out of range (2000-01-01 to 2099-12-31): " + value);
        }
        return instant;
    }

    final BillingFileRejected rejected(String reason, String column, String problem) {
        return new BillingFileRejected(reason, line, column, "line " + line + ", column " + column + ": " + problem);
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
