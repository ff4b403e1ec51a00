package io.flk.commands.billing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Charge period checks and the billing-period month shared by every mapping. */
final class ChargePeriods {

    private ChargePeriods() {
    }

    /** The end column, which must not precede the start. */
    static Instant end(Row row, String column, Instant start) {
        Instant end = row.timestamp(column);
        if (end.isBefore(start)) {
            throw row.rejected("date-out-of-range", column, "ends before the charge period starts");
        }
        return end;
    }

    /** Exports that bill per day (Azure) state one date: the charge covers that UTC day. */
    static Instant dayAfter(Instant start) {
        return start.plus(1, ChronoUnit.DAYS);
    }

    /** yyyy-MM of an instant in UTC. */
    static String month(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7);
    }
}
