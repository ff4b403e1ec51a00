package io.flk.commands.billing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The timestamp spellings of real billing exports: ISO-8601 with or without zone (no zone means UTC, as FOCUS
 * samples and CUR exports write it), a space instead of the 'T', fractions, BigQuery's trailing " UTC", plain
 * dates, and Azure's US dates (MM/dd/yyyy).
 */
final class Timestamps {

    private Timestamps() {
    }

    /** The instant, or null when the text is none of the spellings above. */
    static Instant parse(String text) {
        String value = text.trim();
        try {
            if (value.length() == 10 && value.charAt(2) == '/' && value.charAt(5) == '/') {
                return LocalDate.of(Integer.parseInt(value.substring(6)), Integer.parseInt(value.substring(0, 2)),
                        Integer.parseInt(value.substring(3, 5))).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (value.length() == 19 && value.charAt(4) == '-' && value.charAt(13) == ':') {
                return fixed(value);
            }
            if (value.endsWith(" UTC")) {
                value = value.substring(0, value.length() - 4);
            }
            if (value.length() > 10 && value.charAt(10) == ' ') {
                value = value.substring(0, 10) + 'T' + value.substring(11);
            }
            if (value.endsWith("Z") || hasOffset(value)) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** yyyy-MM-dd HH:mm:ss without a formatter: FOCUS files carry two of these per row, millions of rows. */
    private static Instant fixed(String value) {
        char separator = value.charAt(10);
        if (separator != ' ' && separator != 'T' || value.charAt(7) != '-' || value.charAt(16) != ':') {
            throw new NumberFormatException(value);
        }
        return LocalDateTime.of(digits(value, 0, 4), digits(value, 5, 7), digits(value, 8, 10), digits(value, 11, 13),
                digits(value, 14, 16), digits(value, 17, 19)).toInstant(ZoneOffset.UTC);
    }

    private static int digits(String value, int from, int to) {
        int result = 0;
        for (int i = from; i < to; i++) {
            int digit = value.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new NumberFormatException(value);
            }
            result = result * 10 + digit;
        }
        return result;
    }

    private static boolean hasOffset(String value) {
        int time = value.indexOf('T');
        return time > 0 && (value.indexOf('+', time) > 0 || value.indexOf('-', time) > 0);
    }
}
