package io.flk.benchmarks;

import static io.flk.benchmarks.support.RoundRates.fmt;
import static io.flk.benchmarks.support.RoundRates.joined;
import static io.flk.benchmarks.support.RoundRates.median;
import static io.flk.benchmarks.support.RoundRates.seconds;

import com.zaxxer.hikari.HikariDataSource;
import io.flk.benchmarks.support.BenchmarkReport;
import io.flk.benchmarks.support.DurablePostgres;
import io.flk.benchmarks.support.QuietMachine;
import io.flk.domain.audit.AuditChainRecipe;
import io.flk.projections.audit.AuditChainProjection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * How fast the audit chain links the event log, against a plain JDBC scan that reads and hashes the same rows in
 * the same run.
 *
 * <p>The log is loaded with {@value #EVENTS} events of about 800 bytes of JSON each. Then {@value #ROUNDS} rounds,
 * each after the chain was emptied:
 * <ol>
 *     <li>(a) baseline: every row's global index and payload read in index order, each payload hashed with the
 *     chain's SHA-256 recipe; nothing written;</li>
 *     <li>(b) rebuild: {@link AuditChainProjection#chainSettledEvents()} links the whole log a read (500 events) per
 *     transaction, as the sweep does, and as a reset processor does a read per event it is handed;</li>
 *     <li>(c) live: {@value #LIVE_EVENTS} more events appended in commits of {@value #BATCH}, each batch handed to
 *     the projection's handler in one transaction, as the processor does (only the handing over is timed).</li>
 * </ol>
 * The live rate is the ceiling of events per second the chain keeps up with on this machine.
 *
 * <p>Options: {@code bench.events}, {@code bench.live-events}, {@code bench.rounds}, {@code benchmarks.file}.
 */
public final class AuditChainBenchmark {

    static final int EVENTS = 200_000;
    static final int LIVE_EVENTS = 20_000;
    static final int BATCH = 100;
    static final int ROUNDS = 3;
    static final int FETCH_SIZE = 2_000;
    private static final String APPEND = """
            insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                payload, payload_type, time_stamp)
            select 'agg-' || n, 0, 'Bench', md5('event-' || n),
                   convert_to(json_build_object('n', n, 'pad', repeat(md5(n::text), 24))::text, 'UTF8'),
                   'io.flk.bench.Happened', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
              from generate_series(?, ?) n""";

    /** Keeps the JIT from removing the baseline's hashing. */
    private static long sink;

    private AuditChainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", EVENTS);
        int liveEvents = Integer.getInteger("bench.live-events", LIVE_EVENTS);
        int rounds = Integer.getInteger("bench.rounds", ROUNDS);
        String load = QuietMachine.await(Duration.ofMinutes(3));
        BenchmarkReport report = new BenchmarkReport("Audit chain: rebuild and live linking rate, vs reading and "
                + "hashing the same rows");
        try (DurablePostgres postgres = DurablePostgres.start(); HikariDataSource dataSource = postgres.pool(4)) {
            Flyway.configure().dataSource(dataSource).load().migrate();
            append(dataSource, 0, events - 1);
            DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
            long appended = events;
            List<Double> scanRates = new ArrayList<>();
            List<Double> rebuildRates = new ArrayList<>();
            List<Double> liveRates = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                boolean warmUp = round == 0;
                dsl.truncate("audit_chain").execute();
                long started = System.nanoTime();
                long scanned = scanAndHash(dataSource);
                double scanRate = scanned / seconds(started);
                started = System.nanoTime();
                int chained;
                do {
                    chained = dsl.transactionResult(tx -> projection(tx.dsl()).chainSettledEvents());
                } while (chained > 0);
                double rebuildRate = dsl.fetchCount(DSL.table("audit_chain")) / seconds(started);
                double liveRate = live(dataSource, dsl, appended, liveEvents);
                appended += liveEvents;
                System.out.printf(Locale.ROOT, "%s: scan %,.0f, rebuild %,.0f, live %,.0f events/s%n",
                        warmUp ? "warm-up" : "round " + round, scanRate, rebuildRate, liveRate);
                if (!warmUp) {
                    scanRates.add(scanRate);
                    rebuildRates.add(rebuildRate);
                    liveRates.add(liveRate);
                }
            }
            boolean intact = dsl.fetchCount(DSL.table("audit_chain")) == dsl.fetchCount(DSL.table("domain_event_entry"));
            double scan = median(scanRates);
            report.paragraph("""
                    %,d events of about 800 bytes of JSON loaded; each round first empties the chain, and its live
                    phase appends %,d more, so the log grows by that much a round (rates are per event linked).
                    Fetch size %d. A warm-up round ran first, then %d rounds. Load average (1 min): %s.
                    """.formatted(events, liveEvents, FETCH_SIZE, rounds, load));
            report.table(List.of("Path", "Events/s (each round)", "Median events/s", "vs baseline"), List.of(
                    List.of("(a) baseline: JDBC scan in index order + SHA-256 of each payload, nothing written",
                            joined(scanRates), fmt(scan), "1.00x"),
                    List.of("(b) rebuild: chainSettledEvents, a transaction per read of 500, until all is linked",
                            joined(rebuildRates), fmt(median(rebuildRates)), ratio(median(rebuildRates), scan)),
                    List.of("(c) live: the handler over batches of " + BATCH + " just committed, a transaction each",
                            joined(liveRates), fmt(median(liveRates)), ratio(median(liveRates), scan))));
            report.bullets(List.of(
                    "Every stored event was linked by the end of the run: " + (intact ? "yes" : "NO") + ".",
                    "Storage: " + postgres.describeStorage() + "."));
            report.paragraph("Run: `./mvnw -q install -DskipTests && ./mvnw -q -pl benchmarks exec:java "
                    + "-Dbenchmark=io.flk.benchmarks.AuditChainBenchmark`.");
            report.publish();
        }
    }

    private static AuditChainProjection projection(DSLContext dsl) {
        return new AuditChainProjection(dsl, Clock.systemUTC(), 60_000);
    }

    /** Appends events in commits of {@value #BATCH}, timing only each batch's handing over to the handler. */
    private static double live(HikariDataSource dataSource, DSLContext dsl, long first, int count)
            throws SQLException {
        long handlingNanos = 0;
        for (long from = first; from < first + count; from += BATCH) {
            append(dataSource, from, from + BATCH - 1);
            List<String> ids = dsl.select(DSL.field("event_identifier", String.class))
                    .from("domain_event_entry").where(DSL.field("aggregate_identifier").in(
                            LongStream.range(from, from + BATCH).mapToObj(n -> "agg-" + n).toList()))
                    .orderBy(DSL.field("global_index")).fetch(DSL.field("event_identifier", String.class));
            long started = System.nanoTime();
            dsl.transaction(tx -> {
                AuditChainProjection projection = projection(tx.dsl());
                ids.forEach(id -> projection.on(new Object(), new GenericEventMessage<>(
                        new GenericMessage<>(id, "event", MetaData.emptyInstance()), Instant::now)));
            });
            handlingNanos += System.nanoTime() - started;
        }
        return count / (handlingNanos / 1e9);
    }

    private static void append(HikariDataSource dataSource, long from, long to) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(APPEND)) {
            insert.setLong(1, from);
            insert.setLong(2, to);
            insert.executeUpdate();
        }
    }

    private static long scanAndHash(HikariDataSource dataSource) throws SQLException {
        long rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet result = statement.executeQuery(
                        "select global_index, payload from domain_event_entry order by global_index")) {
                    while (result.next()) {
                        sink += result.getLong(1) + AuditChainRecipe.payloadSha256(result.getBytes(2)).charAt(0);
                        rows++;
                    }
                }
            }
            connection.rollback();
        }
        return rows;
    }






    private static String ratio(double rate, double baseline) {
        return String.format(Locale.ROOT, "%.2fx", rate / baseline);
    }
}
