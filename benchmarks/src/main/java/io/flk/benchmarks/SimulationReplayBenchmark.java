package io.flk.benchmarks;

import static io.flk.benchmarks.support.RoundRates.fmt;
import static io.flk.benchmarks.support.RoundRates.joined;
import static io.flk.benchmarks.support.RoundRates.median;
import static io.flk.benchmarks.support.RoundRates.seconds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariDataSource;
import io.flk.benchmarks.support.BenchmarkReport;
import io.flk.benchmarks.support.DurablePostgres;
import io.flk.benchmarks.support.QuietMachine;
import io.flk.domain.escalation.EscalationId;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.simulation.SimulationCandidate;
import io.flk.domain.simulation.SimulationResult;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.AnswerFeatures;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent;
import io.flk.domain.verification.TaskEvent.EnsembleDisagreed;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.Vote;
import io.flk.domain.verification.evaluation.DefaultPolicies;
import io.flk.domain.verification.evaluation.PolicyTuner;
import io.flk.projections.simulation.ReplayControl;
import io.flk.projections.simulation.TaskEventReplay;
import io.flk.projections.simulation.WhatIfSimulation;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Replay rate of the what-if simulator from the PostgreSQL event store, against a plain JDBC scan of the same rows
 * in the same run.
 *
 * <p>The store is loaded by COPY with one day of a tenant's recorded traffic, serialized as the application stores
 * it (Axon's {@link JacksonSerializer} over a mapper configured as the application's: ISO dates, nulls left out;
 * Axon's timestamp format): {@value #TASKS} {@code TaskVerified} with the three strategies' verdicts, 24 PI-safe
 * features, an HRS shadow risk and a model version each; a label ({@code TaskLabelled}) for 15 % of them an hour
 * later, an {@code EnsembleDisagreed} for 20 %; and {@value #OTHER_TENANT_TASKS} decisions of another tenant in the
 * same day, which neither reader may touch. Then, interleaved, {@value #ROUNDS} rounds each after a warm-up round:
 * <ol>
 *     <li>(a) baseline: the rows the replay reads (the tenant's labels of the range's tasks, its disagreements and
 *     its decisions, through the same index, cursor and fetch size), each row's global index and payload bytes
 *     read with plain JDBC and nothing parsed;</li>
 *     <li>(b) the simulator: {@link WhatIfSimulation} of a stricter candidate over the same range: the same rows,
 *     every payload parsed and every decision re-decided, priced and tallied.</li>
 * </ol>
 * Once more after the rounds, the baseline in a transaction that dropped the V61 index (rolled back after): the
 * sequential scan and sort the index saves.
 * Events/s = rows read / wall time. Targets: (b) at least 100,000 events/s and at least 50 % of (a).
 *
 * <p>Options: {@code bench.tasks} ({@value #TASKS}), {@code bench.rounds} ({@value #ROUNDS}),
 * {@code bench.fetch-size} ({@value #FETCH_SIZE}), {@code bench.data-root}, {@code benchmarks.file}.
 */
public final class SimulationReplayBenchmark {

    static final int TASKS = 1_000_000;
    static final int OTHER_TENANT_TASKS = 300_000;
    static final int ROUNDS = 3;
    static final int FETCH_SIZE = 2_000;
    static final double TARGET_EVENTS_PER_SECOND = 100_000;
    static final double TARGET_RATIO = 0.5;
    static final TenantId TENANT = TenantId.of("bench-sim");
    static final TenantId OTHER_TENANT = TenantId.of("bench-other");
    static final Instant DAY = Instant.parse("2026-01-05T00:00:00Z");
    static final String[] FEATURES = {AnswerFeatures.ANSWER_TOKENS_LOG, AnswerFeatures.ANSWER_SENTENCES,
            AnswerFeatures.ANSWER_NUMBERS, AnswerFeatures.ANSWER_ENTITIES, AnswerFeatures.ANSWER_STOPWORD_SHARE,
            AnswerFeatures.PROMPT_TOKENS_LOG, AnswerFeatures.SOURCES_COUNT, AnswerFeatures.SOURCES_TOKENS_LOG,
            AnswerFeatures.LENGTH_ANSWER_TO_SOURCES_LOG, AnswerFeatures.LENGTH_ANSWER_TO_PROMPT_LOG,
            AnswerFeatures.TOKEN_CONTAINMENT, AnswerFeatures.CONTENT_TOKEN_CONTAINMENT,
            AnswerFeatures.BIGRAM_CONTAINMENT, AnswerFeatures.BEST_PASSAGE_CONTAINMENT, AnswerFeatures.SOURCE_JACCARD,
            AnswerFeatures.NUMBER_MISSING_SHARE, AnswerFeatures.ENTITY_MISSING_SHARE,
            AnswerFeatures.NOVEL_TOKEN_RATIO, AnswerFeatures.PROMPT_ANSWER_OVERLAP, AnswerFeatures.NEGATION_MISMATCH,
            AnswerFeatures.CITATIONS_COUNT, AnswerFeatures.CITATIONS_INVALID_SHARE,
            AnswerFeatures.CLIENT_PREFIX + "logprobMean", AnswerFeatures.CLIENT_PREFIX + "temperature"};

    /** Keeps the JIT from removing the baseline's reads. */
    private static long sink;

    private SimulationReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = Integer.getInteger("bench.tasks", TASKS);
        int rounds = Integer.getInteger("bench.rounds", ROUNDS);
        int fetchSize = Integer.getInteger("bench.fetch-size", FETCH_SIZE);
        String load = QuietMachine.await(Duration.ofMinutes(3));
        BenchmarkReport report = new BenchmarkReport("What-if simulator replay rate from the PostgreSQL event store, "
                + "vs a plain JDBC scan of the same rows");
        try (DurablePostgres postgres = DurablePostgres.start(); HikariDataSource dataSource = postgres.pool(4)) {
            Flyway.configure().dataSource(dataSource).load().migrate();
            long loadStarted = System.nanoTime();
            Loaded loaded = load(dataSource, tasks);
            Duration loadTime = Duration.ofNanos(System.nanoTime() - loadStarted);
            analyze(dataSource);
            Instant from = DAY;
            Instant to = DAY.plus(Duration.ofDays(1));
            TaskEventReplay replay = new TaskEventReplay(dataSource, new TaskEventReplay.Settings(fetchSize,
                    2_000_000));
            WhatIfSimulation simulation = new WhatIfSimulation(replay);
            SimulationCandidate candidate = new SimulationCandidate(new EnsemblePolicySpec(
                    PolicyTuner.treatment(0.5, 0.75, 0.5, 2, 0.5), DefaultPolicies.baseline(), 0.1), null);

            scan(dataSource, fetchSize, from, to);
            SimulationResult warmResult = simulation.simulate(TENANT, from, to, candidate, 2.0, ReplayControl.NONE);
            List<Double> scanRates = new ArrayList<>();
            List<Double> replayRates = new ArrayList<>();
            List<String> scanRows = new ArrayList<>();
            SimulationResult result = warmResult;
            long replayEvents = loaded.tenantEvents();
            for (int round = 0; round < rounds; round++) {
                long started = System.nanoTime();
                long rows = scan(dataSource, fetchSize, from, to);
                scanRates.add(rows / seconds(started));
                scanRows.add(Long.toString(rows));
                started = System.nanoTime();
                result = simulation.simulate(TENANT, from, to, candidate, 2.0, ReplayControl.NONE);
                replayRates.add(replayEvents / seconds(started));
                System.out.printf(Locale.ROOT, "round %d: scan %,.0f events/s, replay %,.0f events/s%n", round + 1,
                        scanRates.get(round), replayRates.get(round));
            }
            long started = System.nanoTime();
            long rowsWithoutIndex = scanWithoutIndex(dataSource, fetchSize, from, to);
            double withoutIndex = rowsWithoutIndex / seconds(started);
            double scan = median(scanRates);
            double replayRate = median(replayRates);
            double ratio = replayRate / scan;

            report.paragraph("""
                    One day of recorded traffic of tenant `%s` loaded by COPY in %d s: %,d `TaskVerified` (three
                    strategies' verdicts, %d features, an HRS shadow risk, about %d bytes of JSON each), %,d
                    `TaskLabelled` (an hour after their decision) and %,d `EnsembleDisagreed`: %,d events of the
                    tenant, plus %,d decisions of another tenant in the same day. Payloads as the application writes
                    them: Axon's JacksonSerializer over a mapper set up as the application's (ISO dates, nulls left
                    out), Axon's timestamp format; then VACUUM ANALYZE, as autovacuum would. Range: the whole day.
                    Fetch size %d, binary results, a cursor in a repeatable-read transaction, the migration V61 index.
                    A warm-up round of each ran first; then %d rounds, interleaved. Load average (1 min): %s.%s
                    """.formatted(TENANT.value(), loadTime.toSeconds(), tasks, FEATURES.length,
                    loaded.meanDecisionBytes(), loaded.labels(), loaded.disagreements(), loaded.tenantEvents(),
                    OTHER_TENANT_TASKS, fetchSize, rounds, load, busy()));
            report.table(List.of("Reader", "Events/s (each round)", "Median events/s", "vs baseline"), List.of(
                    List.of("(a) baseline: plain JDBC scan of the same rows (global index + payload bytes)",
                            joined(scanRates), fmt(scan), "1.00x"),
                    List.of("(b) simulator: parse + re-decide + tally (WhatIfSimulation)", joined(replayRates),
                            fmt(replayRate), String.format(Locale.ROOT, "%.2fx", ratio)),
                    List.of("(a') the baseline without the V61 index (dropped in the scan's transaction; one round)",
                            fmt(withoutIndex), fmt(withoutIndex), String.format(Locale.ROOT, "%.2fx",
                                    withoutIndex / scan))));
            report.bullets(List.of(
                    String.format(Locale.ROOT, "Target (b) >= %,.0f events/s: %s (%s).", TARGET_EVENTS_PER_SECOND,
                            replayRate >= TARGET_EVENTS_PER_SECOND ? "met" : "NOT met", fmt(replayRate)),
                    String.format(Locale.ROOT, "Target (b) >= %.0f %% of (a): %s (%.0f %%).", TARGET_RATIO * 100,
                            ratio >= TARGET_RATIO ? "met" : "NOT met", ratio * 100),
                    "Rows per baseline round: " + String.join(", ", scanRows) + " (" + rowsWithoutIndex
                            + " without the index); the replay read "
                            + replayEvents + " events a round (the same rows).",
                    "Simulated result (stricter candidate, last round): " + result.outcome() + ", "
                            + result.counts().tasksRead() + " tasks read, " + result.counts().simulatable()
                            + " simulated, " + result.counts().labelled() + " labelled; escalation rate delta "
                            + fmt4(result.deltas().escalationRate()) + ", containment delta "
                            + fmt4(result.deltas().containmentRate()) + ", flips pass->escalated "
                            + result.flips().passToEscalated() + ".",
                    "Memory: decisions stream through; only the labelled or disagreeing tasks are held ("
                            + (loaded.labels() + loaded.disagreements()) + " at most, about 25 bytes each). Max heap "
                            + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB.",
                    "Storage: " + postgres.describeStorage() + "."));
            report.paragraph("Run: `./mvnw -q -o -pl benchmarks -am test-compile` then `java -Xmx768m -cp <the "
                    + "benchmarks classpath> io.flk.benchmarks.SimulationReplayBenchmark` (with an installed build: "
                    + "`./mvnw -q -pl benchmarks exec:java -Dbenchmark=io.flk.benchmarks.SimulationReplayBenchmark`).");
            report.publish();
        }
    }

    /** The rows the replay reads, with the same predicates, index, cursor and fetch size; nothing parsed. */
    static long scan(HikariDataSource dataSource, int fetchSize, Instant from, Instant to) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            long rows = scan(connection, fetchSize, from, to);
            connection.rollback();
            return rows;
        }
    }

    /**
     * The same scan in a transaction that dropped the V61 index (rolled back after): what the index is worth. The
     * planner then reads the whole event log and sorts the tenant's range.
     */
    static long scanWithoutIndex(HikariDataSource dataSource, int fetchSize, Instant from, Instant to)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP INDEX domain_event_entry_task_range_idx");
            }
            long rows = scan(connection, fetchSize, from, to);
            connection.rollback();
            return rows;
        }
    }

    private static long scan(Connection connection, int fetchSize, Instant from, Instant to) throws SQLException {
        String tenantTasks = "type = 'VerifiedTask' AND split_part(aggregate_identifier, ':', 2) = ?"
                + " AND payload_type = ?";
        String inRange = " AND time_stamp COLLATE \"C\" >= ? AND time_stamp COLLATE \"C\" < ?";
        String labels = "SELECT label.global_index, label.payload FROM domain_event_entry label WHERE " + tenantTasks
                + " AND time_stamp COLLATE \"C\" >= ? AND EXISTS (SELECT 1 FROM domain_event_entry decision"
                + " WHERE decision.aggregate_identifier = label.aggregate_identifier AND decision.payload_type = ?"
                + inRange.replace("time_stamp", "decision.time_stamp") + ") ORDER BY time_stamp COLLATE \"C\"";
        String ofType = "SELECT global_index, payload FROM domain_event_entry WHERE " + tenantTasks + inRange
                + " ORDER BY time_stamp COLLATE \"C\"";
        String verified = TaskVerified.class.getName();
        return read(connection, fetchSize, labels, TENANT.value(), TaskLabelled.class.getName(), stamp(from),
                verified, stamp(from), stamp(to))
                + read(connection, fetchSize, ofType, TENANT.value(), EnsembleDisagreed.class.getName(), stamp(from),
                stamp(to))
                + read(connection, fetchSize, ofType, TENANT.value(), verified, stamp(from), stamp(to));
    }

    private static long read(Connection connection, int fetchSize, String sql, String... parameters)
            throws SQLException {
        long rows = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(fetchSize);
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    sink += result.getLong(1) + result.getBytes(2).length;
                    rows++;
                }
            }
        }
        return rows;
    }

    record Loaded(long tenantEvents, long labels, long disagreements, int meanDecisionBytes) {
    }

    /** COPY of the day's events, serialized as Axon serializes them for the application. */
    static Loaded load(HikariDataSource dataSource, int tasks) throws Exception {
        ObjectMapper mapper = Jackson2ObjectMapperBuilder.json().serializationInclusion(JsonInclude.Include.NON_NULL)
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
        byte[] metaData = serializer.serialize(MetaData.emptyInstance(), byte[].class).getData();
        SplittableRandom random = new SplittableRandom(2026);
        long labels = 0;
        long disagreements = 0;
        long decisionBytes = 0;
        long stepMicros = Duration.ofDays(1).toNanos() / 1_000 / tasks;
        try (Connection connection = dataSource.getConnection()) {
            PGConnection postgres = connection.unwrap(PGConnection.class);
            try (OutputStream copy = new BufferedOutputStream(new PGCopyOutputStream(postgres,
                    "COPY domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, "
                            + "meta_data, payload, payload_revision, payload_type, time_stamp) FROM STDIN"), 1 << 20)) {
                for (int i = 0; i < tasks; i++) {
                    Instant at = DAY.plusNanos(i * stepMicros * 1_000);
                    TaskVerified verified = verified(TENANT, "task-" + i, at, random);
                    decisionBytes += write(copy, serializer, metaData, verified, 0, at);
                    long sequence = 1;
                    if (random.nextDouble() < 0.2) {
                        write(copy, serializer, metaData, new EnsembleDisagreed(TENANT, verified.taskId(), 7, false,
                                verified.decision(), List.of(StrategyName.RAG_GROUNDING),
                                List.of(StrategyName.MICRO_VOTE), at), sequence++, at);
                        disagreements++;
                    }
                    if (random.nextDouble() < 0.15) {
                        Instant labelledAt = at.plus(Duration.ofHours(1));
                        Verdict verdict = verified.risk() > 0.4 ? Verdict.HALLUCINATION : Verdict.GROUNDED;
                        write(copy, serializer, metaData, new TaskLabelled(TENANT, verified.taskId(), verdict,
                                verified.decision() == Decision.PASS ? LabelSource.REVIEW : LabelSource.ESCALATION,
                                verified.escalationId(), "reviewer-7", 2.0, labelledAt), sequence, labelledAt);
                        labels++;
                    }
                }
                for (int i = 0; i < OTHER_TENANT_TASKS; i++) {
                    Instant at = DAY.plusNanos((long) i * (Duration.ofDays(1).toNanos() / OTHER_TENANT_TASKS));
                    write(copy, serializer, metaData, verified(OTHER_TENANT, "other-" + i, at, random), 0, at);
                }
            }
        }
        return new Loaded(tasks + labels + disagreements, labels, disagreements, (int) (decisionBytes / tasks));
    }

    private static TaskVerified verified(TenantId tenant, String taskId, Instant at, SplittableRandom random) {
        double hallucinated = random.nextDouble() < 0.2 ? 1 : 0;
        double rag = clamp(0.8 - 0.5 * hallucinated + 0.2 * random.nextGaussian());
        double micro = clamp(0.75 - 0.45 * hallucinated + 0.2 * random.nextGaussian());
        double hrs = clamp(0.8 - 0.5 * hallucinated + 0.15 * random.nextGaussian());
        boolean microTimedOut = random.nextDouble() < 0.002;
        List<StrategyVerdict> verdicts = List.of(
                new StrategyVerdict(StrategyName.RAG_GROUNDING, rag, vote(rag, 0.25), 300 + random.nextInt(400),
                        0.00001, false, false, null),
                microTimedOut ? new StrategyVerdict(StrategyName.MICRO_VOTE, null, Vote.HALLUCINATED, 20_000, 0, true,
                        false, null)
                        : new StrategyVerdict(StrategyName.MICRO_VOTE, micro, vote(micro, 0.65),
                        2_000 + random.nextInt(6_000), 0.00004, false, false, "mv-3"),
                new StrategyVerdict(StrategyName.HRS, hrs, vote(hrs, 0.35), 80 + random.nextInt(200), 0.00002, false,
                        false, "hrs-12"));
        long grounded = verdicts.stream().filter(verdict -> verdict.vote() == Vote.GROUNDED).count();
        double risk = 1 - (rag + (microTimedOut ? 0 : micro) + hrs) / (microTimedOut ? 2 : 3);
        Decision decision = grounded >= 2 && risk < 0.6 ? Decision.PASS : Decision.ESCALATED;
        Map<String, Double> features = new LinkedHashMap<>();
        for (String feature : FEATURES) {
            features.put(feature, Math.round(random.nextDouble() * 1e6) / 1e6);
        }
        return new TaskVerified(tenant, taskId, "gpt-4o-2024-08-06", 7, random.nextDouble() < 0.1, decision, risk,
                verdicts, Map.of("micro-vote", "mv-3", "hrs", "hrs-12"), features, 0.0021,
                verdicts.stream().mapToDouble(StrategyVerdict::costUsd).sum(),
                decision == Decision.ESCALATED ? EscalationId.of("e-" + UUID.nameUUIDFromBytes(taskId.getBytes(
                        StandardCharsets.UTF_8))) : null, 3_000 + random.nextInt(9_000), at, null,
                Map.of("hrs-13", clamp(1 - hrs + 0.05 * random.nextGaussian())));
    }

    /** One row in COPY's text format; returns the payload's size. */
    private static int write(OutputStream copy, JacksonSerializer serializer, byte[] metaData, TaskEvent event,
                             long sequence, Instant at) throws IOException {
        SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
        String row = event.task() + "\t" + sequence + "\tVerifiedTask\t" + UUID.randomUUID() + "\t\\\\x"
                + HexFormat.of().formatHex(metaData) + "\t\\\\x" + HexFormat.of().formatHex(payload.getData()) + "\t"
                + payload.getType().getRevision() + "\t" + payload.getType().getName() + "\t"
                + DateTimeUtils.formatInstant(at) + "\n";
        copy.write(row.getBytes(StandardCharsets.UTF_8));
        return payload.getData().length;
    }

    private static void analyze(HikariDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE domain_event_entry");
        }
    }


    /** Said when other work shared the machine: rates are then depressed and noisy, the ratio less so. */
    private static String busy() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load > Runtime.getRuntime().availableProcessors() ? " The load exceeded the cores: other work shared "
                + "the machine during this run, so the rates are depressed and noisy; compare the ratio." : "";
    }

    private static String stamp(Instant instant) {
        return DateTimeUtils.formatInstant(instant);
    }

    private static Vote vote(double score, double threshold) {
        return score >= threshold ? Vote.GROUNDED : Vote.HALLUCINATED;
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }





    private static String fmt4(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%+.4f", value);
    }
}
