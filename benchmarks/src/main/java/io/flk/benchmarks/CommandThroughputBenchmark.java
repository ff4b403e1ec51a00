package io.flk.benchmarks;

import io.flk.benchmarks.support.ApplicationUnderTest;
import io.flk.benchmarks.support.BenchTenants;
import io.flk.benchmarks.support.BenchmarkReport;
import io.flk.benchmarks.support.CpuProbe;
import io.flk.benchmarks.support.DurablePostgres;
import io.flk.benchmarks.support.HikariProbe;
import io.flk.benchmarks.support.JitWarmup;
import io.flk.benchmarks.support.JwtIssuer;
import io.flk.benchmarks.support.LoadDriver;
import io.flk.benchmarks.support.PhaseResult;
import io.flk.benchmarks.support.PostgresProbe;
import io.flk.benchmarks.support.RestClient;
import io.flk.benchmarks.support.TcpConnectionsProbe;
import io.flk.domain.escalation.EscalationCommands.OpenEscalation;
import io.flk.domain.escalation.EscalationId;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Control-plane commands per second. One command is {@code OpenEscalation}: the aggregate appends one event with the
 * JDBC storage engine and schedules its SLA deadline in db-scheduler's table, in one transaction, on a durable
 * PostgreSQL. Measured in one run:
 * <ol>
 *     <li>(a) baseline: one client in a sequential {@code CommandGateway.sendAndWait} loop;</li>
 *     <li>(b) {@code CommandGateway.sendAndWait} from 16 concurrent client threads;</li>
 *     <li>(c) {@code POST /api/v1/escalations} from 16 concurrent HTTP clients with the embedded default's HTTP
 *     Basic development credentials ({@code operator:operator-dev});</li>
 *     <li>(d) the same with production authentication (RS256 JWT bearer token), after restarting the application
 *     with a JWT public key on the same database (the two modes exclude each other).</li>
 * </ol>
 * The application runs in this JVM with its shipped settings. Each phase warms up, then measures a fixed window;
 * between phases the projections drain their backlog. Only successful commands count; errors are listed. The section
 * is printed and appended to BENCHMARKS.md; the run then fails if any command failed or if the database does not
 * hold exactly one event, one deadline and one read-model row per acknowledged command.
 *
 * <p>Options (system properties): {@code bench.clients} (16), {@code bench.warmup} (PT5S, per phase),
 * {@code bench.window} (PT10S), {@code bench.jit-warmup-min} / {@code -max} / {@code -quiet-percent} (PT30S / PT240S
 * / 10, see {@link JitWarmup}), {@code bench.data-root} (temp dir), {@code benchmarks.file} (BENCHMARKS.md at the
 * repository root).
 * Application settings may be given as system properties too; the report lists them.
 */
public final class CommandThroughputBenchmark {

    static final String TENANT = "bench";
    static final Duration SLA = Duration.ofHours(4);
    static final String OPERATOR = "operator";
    static final String OPERATOR_PASSWORD = "operator-dev";
    static final double TARGET_PER_SECOND = 1_000;
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    static final Duration GRACE = Duration.ofSeconds(60);
    static final Duration PROJECTION_DRAIN_MAX = Duration.ofMinutes(5);
    static final double COMPETING_LOAD_WARNING_PERCENT = 20;

    private CommandThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run();
        } finally {
            ApplicationUnderTest.releaseStaticThreads();
        }
    }

    private static void run() throws Exception {
        int clients = Integer.getInteger("bench.clients", 16);
        Duration warmup = Duration.parse(System.getProperty("bench.warmup", "PT5S"));
        Duration window = Duration.parse(System.getProperty("bench.window", "PT10S"));
        JitWarmup jit = JitWarmup.fromSystemProperties();

        BenchmarkReport report = new BenchmarkReport("Command throughput: CommandGateway and REST, "
                + clients + " clients vs a sequential loop");
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<PhaseResult> all = new ArrayList<>();
        List<PhaseResult> phases = new ArrayList<>();
        Map<String, Duration> drains = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, JitWarmup.Outcome> warmups = new LinkedHashMap<>();

        try (DurablePostgres database = DurablePostgres.start(); PostgresProbe postgres = database.probe();
             JwtIssuer issuer = new JwtIssuer()) {
            settings.put("PostgreSQL data directory", database.describeStorage());
            settings.put("fdatasync of 8 KiB there (median of 200, before the run)",
                    String.format("%.3f ms", database.fdatasyncMedian(200).toNanos() / 1e6));

            // Part 1: the embedded default's security (HTTP Basic with the development users).
            try (ApplicationUnderTest app = ApplicationUnderTest.start(database)) {
                CommandGateway gateway = app.bean(CommandGateway.class);
                RestClient basic = RestClient.basic(app.port(), OPERATOR, OPERATOR_PASSWORD, COMMAND_TIMEOUT);
                BenchTenants.register(basic, TENANT, SLA);
                Map<String, LoadDriver.Operation> paths = new LinkedHashMap<>();
                paths.put("gateway", (client, sequence) -> openThroughGateway(gateway, "wg", client, sequence));
                paths.put("REST Basic", (client, sequence) -> openThroughRest(basic, "wb", client, sequence));
                JitWarmup.Outcome warmed = jit.run(clients, paths);
                all.addAll(warmed.runs());
                warmups.put("first start (a, b, c)", warmed);
                drains.put("JIT warm-up", app.awaitProjectionsCaughtUp(PROJECTION_DRAIN_MAX));

                CpuProbe cpu = app.cpuProbe();
                HikariProbe pool = app.hikariProbe();
                TcpConnectionsProbe tcp = new TcpConnectionsProbe(app.port());
                phases.add(measure(warnings, cpu, LoadDriver.run("(a) gateway, sequential sendAndWait", 1, warmup,
                        window, GRACE, (client, sequence) -> openThroughGateway(gateway, "a", client, sequence),
                        cpu, pool, postgres)));
                drains.put("(a)", app.awaitProjectionsCaughtUp(PROJECTION_DRAIN_MAX));
                phases.add(measure(warnings, cpu, LoadDriver.run("(b) gateway, " + clients + " threads", clients,
                        warmup, window, GRACE, (client, sequence) -> openThroughGateway(gateway, "b", client, sequence),
                        cpu, pool, postgres)));
                drains.put("(b)", app.awaitProjectionsCaughtUp(PROJECTION_DRAIN_MAX));
                phases.add(measure(warnings, cpu, LoadDriver.run("(c) REST, " + clients + " clients, Basic auth",
                        clients, warmup, window, GRACE,
                        (client, sequence) -> openThroughRest(basic, "c", client, sequence),
                        cpu, pool, postgres, tcp)));
                drains.put("(c)", app.awaitProjectionsCaughtUp(PROJECTION_DRAIN_MAX));
                settings.putAll(app.settings());
            }

            // Part 2: production security (JWT); same database, application restarted in JWT mode.
            try (ApplicationUnderTest app = ApplicationUnderTest.start(database, issuer.applicationArgument())) {
                RestClient bearer = RestClient.bearer(app.port(),
                        issuer.token("bench-operator", List.of(OPERATOR), Duration.ofHours(6)), COMMAND_TIMEOUT);
                BenchTenants.await(bearer, TENANT);
                JitWarmup.Outcome warmed = jit.run(clients, Map.of(
                        "REST JWT", (client, sequence) -> openThroughRest(bearer, "wj", client, sequence)));
                all.addAll(warmed.runs());
                warmups.put("restart in JWT mode (d)", warmed);
                drains.put("JIT warm-up (JWT)", app.awaitProjectionsCaughtUp(PROJECTION_DRAIN_MAX));
                CpuProbe cpu = app.cpuProbe();
                phases.add(measure(warnings, cpu, LoadDriver.run("(d) REST, " + clients + " clients, JWT bearer",
                        clients, warmup, window, GRACE,
                        (client, sequence) -> openThroughRest(bearer, "d", client, sequence),
                        cpu, app.hikariProbe(), postgres, new TcpConnectionsProbe(app.port()))));
                drains.put("(d)", app.awaitProjectionsCaughtUp(PROJECTION_DRAIN_MAX));
            }

            all.addAll(phases);
            long acknowledged = 0;
            for (PhaseResult phase : all) {
                acknowledged += phase.totalSuccesses();
                phase.errors().forEach((error, count) -> problems.add(phase.name() + ": " + count + " x " + error));
            }
            settings.putAll(jit.settings());
            warmups.forEach((start, outcome) -> {
                settings.put("JIT warm-up after " + start, outcome.describe());
                if (!outcome.quiet()) {
                    warnings.add("JIT warm-up after " + start + " ended at its maximum with the compiler still busy ("
                            + String.format("%.0f %%", outcome.lastRoundCompilationPercent()) + " of a core).");
                }
            });
            describe(report, postgres, settings, clients, warmup, window);
            results(report, phases, clients);
            if (!warnings.isEmpty()) {
                report.paragraph("**Warnings:**");
                report.bullets(warnings);
            }
            diagnostics(report, phases, drains);
            problems.addAll(reconcile(report, postgres, acknowledged));
            if (problems.isEmpty()) {
                report.paragraph("**Errors:** none.");
            } else {
                report.paragraph("**Errors and discrepancies (" + problems.size() + "):**");
                report.bullets(problems);
            }
        }
        report.publish();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The benchmark saw errors; see the report above: " + problems);
        }
    }

    private static PhaseResult measure(List<String> warnings, CpuProbe cpu, PhaseResult phase) {
        double competing = cpu.lastCompetingPercent();
        if (competing > COMPETING_LOAD_WARNING_PERCENT) {
            warnings.add(String.format("%s: other processes on the machine used %.0f %% of a core during the window; "
                    + "this phase ran with less CPU than the machine has.", phase.name(), competing));
        }
        System.out.printf("%s: %,.0f commands/s, p50 %.2f ms, p99 %.2f ms, %d errors%n", phase.name(),
                phase.perSecond(), phase.percentileMillis(50), phase.percentileMillis(99), phase.totalErrors());
        return phase;
    }

    private static void openThroughGateway(CommandGateway gateway, String phase, int client, long sequence) {
        Object id = gateway.sendAndWait(new OpenEscalation(EscalationId.random(), TenantId.of(TENANT),
                        phase + "-" + client + "-" + sequence, "benchmark", 0.9, SLA, OPERATOR, Instant.now()),
                COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (id == null) {
            throw new IllegalStateException("sendAndWait returned no aggregate identifier");
        }
    }

    private static void openThroughRest(RestClient rest, String phase, int client, long sequence) throws Exception {
        RestClient.Response response = rest.post("/api/v1/escalations", """
                {"tenantId":"%s","taskId":"%s-%d-%d","reason":"benchmark","risk":0.9}"""
                .formatted(TENANT, phase, client, sequence));
        if (response.status() != 201) {
            String body = response.body() == null ? "" : response.body();
            throw new IllegalStateException("HTTP " + response.status() + ": "
                    + (body.length() > 160 ? body.substring(0, 160) + "…" : body));
        }
    }

    private static void describe(BenchmarkReport report, PostgresProbe postgres, Map<String, String> measured,
                                 int clients, Duration warmup, Duration window) {
        report.paragraph("""
                One command = `OpenEscalation` for tenant `%s`: the aggregate appends `EscalationOpened` with the JDBC \
                event storage engine and schedules its SLA deadline in db-scheduler's `scheduled_tasks`, in one \
                transaction, on a durable PostgreSQL (fsync and synchronous_commit on). The application runs in the \
                benchmark's JVM with its shipped configuration, projections running. Closed loop, no think time: \
                each client sends its next command when the previous one is answered. After each application start \
                a JIT warm-up with %d clients until the compilers are quiet (see Settings); per phase %s warm-up, \
                then a %s measured window in which only \
                commands that succeeded and completed count. Between phases the benchmark waits until every event \
                processor has caught up. (a) one thread calling `CommandGateway.sendAndWait`; (b) %d threads \
                calling it; (c) %d threads sharing one `java.net.http` client (HTTP/1.1 keep-alive) sending \
                `POST /api/v1/escalations` with HTTP Basic (`operator:operator-dev`, the embedded default), which \
                adds HTTP, security, validation and the tenant look-up (a read-model query); (d) as (c) with an \
                RS256 JWT bearer token (production authentication), after restarting the application in JWT mode \
                on the same database.""".formatted(TENANT, clients, human(warmup), human(window),
                clients, clients));
        Map<String, String> settings = new LinkedHashMap<>(measured);
        postgres.settings("fsync", "synchronous_commit", "wal_sync_method", "commit_delay", "commit_siblings",
                        "full_page_writes", "wal_level", "shared_buffers", "max_connections")
                .forEach((name, value) -> settings.put("PostgreSQL " + name, value));
        Map<String, String> overrides = ApplicationUnderTest.overrides();
        settings.put("application settings overridden for this run", overrides.isEmpty() ? "none (shipped defaults)"
                : overrides.toString());
        report.facts("Settings", settings);
    }

    private static void results(BenchmarkReport report, List<PhaseResult> phases, int clients) {
        List<List<String>> rows = new ArrayList<>();
        phases.forEach(phase -> rows.add(phase.row()));
        report.table(PhaseResult.header(), rows);
        PhaseResult baseline = phases.get(0);
        List<String> lines = new ArrayList<>();
        for (PhaseResult phase : phases.subList(1, phases.size())) {
            lines.add(String.format("%s / (a): **%.2fx** (%,.0f vs %,.0f commands/s); target ≥ %,.0f commands/s "
                            + "with %d clients: **%s**", label(phase), phase.perSecond() / baseline.perSecond(),
                    phase.perSecond(), baseline.perSecond(), TARGET_PER_SECOND, clients,
                    phase.perSecond() >= TARGET_PER_SECOND ? "met" : "NOT met"));
        }
        report.bullets(lines);
    }

    private static void diagnostics(BenchmarkReport report, List<PhaseResult> phases, Map<String, Duration> drains) {
        Set<String> labels = new LinkedHashSet<>();
        phases.forEach(phase -> labels.addAll(phase.facts().keySet()));
        List<String> header = new ArrayList<>(List.of("Where the time went (measured window)"));
        phases.forEach(phase -> header.add(label(phase)));
        List<List<String>> rows = new ArrayList<>();
        List<String> meanRow = new ArrayList<>(List.of("mean latency"));
        phases.forEach(phase -> meanRow.add(String.format("%.2f ms", phase.meanMillis())));
        rows.add(meanRow);
        for (String label : labels) {
            List<String> row = new ArrayList<>(List.of(label));
            phases.forEach(phase -> row.add(phase.facts().getOrDefault(label, "")));
            rows.add(row);
        }
        report.table(header, rows);
        List<String> drained = new ArrayList<>();
        drains.forEach((phase, took) -> drained.add(phase + ": " + String.format("%.1f s", took.toMillis() / 1000.0)));
        report.paragraph("Time for all event processors (projections, audit chain) to catch up after each phase: "
                + String.join("; ", drained) + ".");
    }

    /** Checks that the database holds exactly one event, one deadline and one read-model row per acknowledged command. */
    private static List<String> reconcile(BenchmarkReport report, PostgresProbe postgres, long acknowledged) {
        long events = postgres.count("select count(*) from domain_event_entry where payload_type like '%EscalationOpened'");
        long deadlines = postgres.count("select count(*) from scheduled_tasks where task_name = 'AxonDeadline'");
        long rows = postgres.count("select count(*) from escalation where tenant_id = '" + TENANT + "'");
        long deadLetters = postgres.count("select count(*) from dead_letter_entry");
        List<String> problems = new ArrayList<>();
        check(problems, "EscalationOpened events stored", events, acknowledged);
        check(problems, "SLA deadlines in scheduled_tasks", deadlines, acknowledged);
        check(problems, "escalation read-model rows", rows, acknowledged);
        check(problems, "dead letters", deadLetters, 0);
        report.paragraph(String.format("Reconciliation over the whole run (warm-ups included): %,d commands "
                        + "acknowledged; %,d `EscalationOpened` events, %,d SLA deadlines, %,d read-model rows, "
                        + "%,d dead letters in the database%s.", acknowledged, events, deadlines, rows, deadLetters,
                problems.isEmpty() ? " — all match" : " — MISMATCH"));
        return problems;
    }

    private static void check(List<String> problems, String what, long actual, long expected) {
        if (actual != expected) {
            problems.add(what + ": " + actual + ", expected " + expected);
        }
    }

    private static String label(PhaseResult phase) {
        return phase.name().substring(0, 3);
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
