package io.flk.benchmarks;

import io.flk.benchmarks.support.ApplicationUnderTest;
import io.flk.benchmarks.support.BenchTenants;
import io.flk.benchmarks.support.BenchmarkReport;
import io.flk.benchmarks.support.CpuProbe;
import io.flk.benchmarks.support.DurablePostgres;
import io.flk.benchmarks.support.HaluEvalBodies;
import io.flk.benchmarks.support.JitWarmup;
import io.flk.benchmarks.support.JwtIssuer;
import io.flk.benchmarks.support.LoadDriver;
import io.flk.benchmarks.support.OpenLoopDriver;
import io.flk.benchmarks.support.PhaseResult;
import io.flk.benchmarks.support.QuietMachine;
import io.flk.benchmarks.support.PostgresProbe;
import io.flk.benchmarks.support.RestClient;
import io.flk.benchmarks.support.TcpConnectionsProbe;
import io.flk.benchmarks.support.VerificationMetersProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The verification hot path over HTTP ({@code POST /api/v1/verifications}), issue 3 item 8. Bodies are the bundled
 * HaluEval evaluation split's answers with their knowledge passages as sources, each sent with a unique task id to
 * tenant {@code bench} under the default ensemble policy (all three strategies). In one run, on one durable
 * PostgreSQL (fsync and synchronous_commit on), the application is started in each mode in turn:
 * <ol>
 *     <li>group commit with the shipped settings (one writer appends every waiting decision in one transaction);</li>
 *     <li>the baseline: restarted with {@code --flk.verification.group-commit-max-batch=1
 *     --flk.verification.group-commit-max-delay=0ms}, so every decision is its own INSERT + COMMIT;</li>
 *     <li>optionally ({@code bench.jwt}, default true) group commit again with production authentication (RS256 JWT
 *     bearer) instead of the embedded default's HTTP Basic, phase B only.</li>
 * </ol>
 * In each mode, after a JIT warm-up: phase A, an open-loop driver at a fixed rate (default 500/s) with latency taken
 * from each request's scheduled send time (no coordinated omission); phase B, closed loops with increasing client
 * counts, the best of which is the saturation rate. Only 200 (passed) and 202 (escalated) answers count, each
 * returned after its decision was committed. Between phases every event processor catches up. The section is
 * printed and appended to BENCHMARKS.md; the run fails if a request failed or the event store does not hold exactly
 * one {@code TaskVerified} per acknowledged request.
 *
 * <p>Options (system properties): {@code bench.rate} (500), {@code bench.fixed-warmup} (PT5S),
 * {@code bench.fixed-window} (PT20S), {@code bench.clients} (16,64,128), {@code bench.warmup} (PT5S, per closed-loop
 * phase), {@code bench.window} (PT10S), {@code bench.jwt} (true), {@code bench.max-load} (3.0) and
 * {@code bench.max-load-wait} (PT3M): wait this long at most for the 1-minute load average to fall below that
 * before starting; {@code bench.jit-warmup-min} / {@code -max} / {@code -quiet-percent} (see {@link JitWarmup}),
 * {@code bench.data-root}, {@code benchmarks.file}. Application settings may be given as system properties too
 * (they apply to every mode); the report lists them.
 */
public final class VerificationLoadBenchmark {

    static final String TENANT = "bench";
    static final String OPERATOR = "operator";
    static final String OPERATOR_PASSWORD = "operator-dev";
    static final String PATH = "/api/v1/verifications";
    static final double TARGET_P95_MS = 20;
    static final double TARGET_P99_MS = 50;
    static final double TARGET_PER_SECOND = 2_000;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Duration GRACE = Duration.ofSeconds(60);
    static final Duration PROJECTION_DRAIN_MAX = Duration.ofMinutes(5);
    static final double COMPETING_LOAD_WARNING_PERCENT = 20;
    static final String[] BASELINE_ARGUMENTS = {
            "--flk.verification.group-commit-max-batch=1", "--flk.verification.group-commit-max-delay=0ms"};

    /** One application start: its phases, in order, and what was seen around them. */
    record Mode(String label, String description, PhaseResult fixedRate, List<PhaseResult> saturation,
                List<PhaseResult> warmups, Map<String, Duration> drains, JitWarmup.Outcome jit,
                Map<String, String> settings) {

        PhaseResult best() {
            return saturation.stream().max((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();
        }

        List<PhaseResult> measured() {
            List<PhaseResult> phases = new ArrayList<>();
            if (fixedRate != null) {
                phases.add(fixedRate);
            }
            phases.addAll(saturation);
            return phases;
        }
    }

    private final double rate = Double.parseDouble(System.getProperty("bench.rate", "500"));
    private final Duration fixedWarmup = Duration.parse(System.getProperty("bench.fixed-warmup", "PT5S"));
    private final Duration fixedWindow = Duration.parse(System.getProperty("bench.fixed-window", "PT20S"));
    private final int[] clients = Arrays.stream(System.getProperty("bench.clients", "16,64,128").split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();
    private final Duration warmup = Duration.parse(System.getProperty("bench.warmup", "PT5S"));
    private final Duration window = Duration.parse(System.getProperty("bench.window", "PT10S"));
    private final boolean jwt = Boolean.parseBoolean(System.getProperty("bench.jwt", "true"));
    private final JitWarmup jit = JitWarmup.fromSystemProperties();
    private final List<String> warnings = new ArrayList<>();
    private final LongAdder escalatedAnswers = new LongAdder();
    /** Task ids never repeat in a run: a repeated one would be answered from the earlier record (idempotency). */
    private final AtomicLong taskIds = new AtomicLong();
    private final HaluEvalBodies bodies = HaluEvalBodies.evaluationSplit(TENANT);

    private VerificationLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            new VerificationLoadBenchmark().run();
        } finally {
            ApplicationUnderTest.releaseStaticThreads();
        }
    }

    private void run() throws Exception {
        String loadWait = QuietMachine.await(Duration.ofMinutes(3));
        BenchmarkReport report = new BenchmarkReport("Verification hot path over HTTP: latency at "
                + String.format("%.0f", rate) + "/s and saturation, group commit vs one commit per decision");
        List<Mode> modes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("load average before the run", loadWait);
        boolean drained = true;
        try (DurablePostgres database = DurablePostgres.start(); PostgresProbe postgres = database.probe();
             JwtIssuer issuer = new JwtIssuer()) {
            settings.put("PostgreSQL data directory", database.describeStorage());
            settings.put("fdatasync of 8 KiB there (median of 200, before the run)",
                    String.format("%.3f ms", database.fdatasyncMedian(200).toNanos() / 1e6));

            modes.add(runMode("G", "group commit (shipped: ≤ 300 decisions per transaction, linger ≤ 2 ms), Basic",
                    database, postgres, null, true, true));
            modes.add(runMode("S", "baseline: one INSERT + COMMIT per decision (group-commit-max-batch=1, "
                    + "max-delay=0ms), Basic", database, postgres, null, false, true, BASELINE_ARGUMENTS));
            if (jwt) {
                modes.add(runMode("J", "group commit (shipped), JWT bearer (production authentication)", database,
                        postgres, issuer, false, false, issuer.applicationArgument()));
            }

            long acknowledged = 0;
            long failed = 0;
            for (Mode mode : modes) {
                for (PhaseResult phase : concat(mode.warmups(), mode.measured())) {
                    acknowledged += phase.totalSuccesses();
                    failed += phase.totalErrors();
                    phase.errors().forEach((error, count) ->
                            problems.add(mode.label() + " " + phase.name() + ": " + count + " x " + error));
                }
                drained &= mode.drains().values().stream().noneMatch(Duration::isNegative);
                mode.settings().forEach((key, value) -> settings.put(mode.label() + ": " + key, value));
                settings.put(mode.label() + ": JIT warm-up", mode.jit().describe());
                if (!mode.jit().quiet()) {
                    warnings.add(mode.label() + ": the JIT warm-up ended at its maximum with the compiler still "
                            + String.format("busy (%.0f %% of a core).", mode.jit().lastRoundCompilationPercent()));
                }
            }
            settings.putAll(jit.settings());
            describe(report, postgres, settings);
            results(report, modes);
            if (!warnings.isEmpty()) {
                report.paragraph("**Warnings:**");
                report.bullets(warnings);
            }
            for (Mode mode : modes) {
                diagnostics(report, mode);
            }
            problems.addAll(reconcile(report, postgres, acknowledged, failed, drained));
        }
        if (problems.isEmpty()) {
            report.paragraph("**Errors:** none.");
        } else {
            report.paragraph("**Errors and discrepancies (" + problems.size() + "):**");
            report.bullets(problems);
        }
        report.publish();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The benchmark saw errors; see the report above: " + problems);
        }
    }

    private Mode runMode(String label, String description, DurablePostgres database, PostgresProbe postgres,
                         JwtIssuer issuer, boolean firstStart, boolean fixedRate, String... arguments)
            throws Exception {
        System.out.printf("%n=== %s: %s ===%n", label, description);
        Map<String, Duration> drains = new LinkedHashMap<>();
        List<PhaseResult> saturation = new ArrayList<>();
        try (ApplicationUnderTest app = ApplicationUnderTest.start(database, arguments)) {
            RestClient rest = issuer == null
                    ? RestClient.basic(app.port(), OPERATOR, OPERATOR_PASSWORD, REQUEST_TIMEOUT)
                    : RestClient.bearer(app.port(), issuer.token("bench-operator", List.of(OPERATOR),
                    Duration.ofHours(6)), REQUEST_TIMEOUT);
            if (firstStart) {
                BenchTenants.register(rest, TENANT, Duration.ofHours(4));
            } else {
                BenchTenants.await(rest, TENANT);
            }
            String tag = label.toLowerCase();
            JitWarmup.Outcome warmed = jit.run(clients[0], Map.of("verify",
                    (client, sequence) -> verify(rest, tag + "w-" + taskIds.incrementAndGet())));
            drain(app, drains, "JIT warm-up");
            MeterRegistry meters = app.bean(MeterRegistry.class);
            CpuProbe cpu = app.cpuProbe();

            PhaseResult fixed = null;
            if (fixedRate) {
                String name = String.format("A: %.0f/s open loop", rate);
                fixed = measure(label, cpu, OpenLoopDriver.run(name, rate, fixedWarmup, fixedWindow, GRACE,
                        sequence -> verifyAsync(rest, tag + "a-" + taskIds.incrementAndGet()),
                        cpu, app.hikariProbe(), postgres, new VerificationMetersProbe(meters)));
                drain(app, drains, "A");
            }
            for (int count : clients) {
                String name = "B: " + count + " clients";
                saturation.add(measure(label, cpu, LoadDriver.run(name, count, warmup, window, GRACE,
                        (client, sequence) -> verify(rest, tag + "b" + count + "-" + taskIds.incrementAndGet()),
                        cpu, app.hikariProbe(), postgres, new VerificationMetersProbe(meters),
                        new TcpConnectionsProbe(app.port()))));
                drain(app, drains, "B " + count);
            }
            Map<String, String> settings = new LinkedHashMap<>(app.settings());
            settings.put("group commit", app.environment().getProperty("flk.verification.group-commit-max-batch")
                    + " decisions / " + app.environment().getProperty("flk.verification.group-commit-max-delay"));
            settings.put("strategy threads / Tomcat max connections",
                    app.environment().getProperty("flk.verification.strategy-threads") + " / "
                            + app.environment().getProperty("server.tomcat.max-connections", "8192 (default)"));
            return new Mode(label, description, fixed, saturation, warmed.runs(), drains, warmed, settings);
        }
    }

    private PhaseResult measure(String mode, CpuProbe cpu, PhaseResult phase) {
        double competing = cpu.lastCompetingPercent();
        if (competing > COMPETING_LOAD_WARNING_PERCENT) {
            warnings.add(String.format("%s %s: other processes on the machine used %.0f %% of a core during the "
                    + "window; this phase ran with less CPU than the machine has.", mode, phase.name(), competing));
        }
        System.out.printf("%s %s: %,.0f verifications/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms, "
                        + "%d errors%n", mode, phase.name(), phase.perSecond(), phase.percentileMillis(50),
                phase.percentileMillis(95), phase.percentileMillis(99), phase.maxMillis(), phase.totalErrors());
        return phase;
    }

    /** Waits for the event processors; a timeout is a warning (recorded as a negative duration), not the end. */
    private void drain(ApplicationUnderTest app, Map<String, Duration> drains, String after) {
        try {
            drains.put(after, app.awaitProjectionsCaughtUp(PROJECTION_DRAIN_MAX));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IllegalStateException e) {
            warnings.add("Event processors after " + after + ": " + e.getMessage());
            drains.put(after, Duration.ofSeconds(-1));
        }
    }

    private void verify(RestClient rest, String taskId) throws Exception {
        accept(rest.post(PATH, bodies.forTask(taskId)));
    }

    private CompletableFuture<?> verifyAsync(RestClient rest, String taskId) {
        return rest.postAsync(PATH, bodies.forTask(taskId)).thenApply(this::accept);
    }

    private RestClient.Response accept(RestClient.Response response) {
        if (response.status() == 202) {
            escalatedAnswers.increment();
        } else if (response.status() != 200) {
            String body = response.body() == null ? "" : response.body();
            throw new IllegalStateException("HTTP " + response.status() + ": "
                    + (body.length() > 160 ? body.substring(0, 160) + "…" : body));
        }
        return response;
    }

    private void describe(BenchmarkReport report, PostgresProbe postgres, Map<String, String> measured) {
        report.paragraph("""
                One request = `POST /api/v1/verifications` for tenant `%s` (default ensemble policy: rag-grounding, \
                micro-vote and hrs in parallel, weighted 2-of-3), with one of the %d answers of the bundled HaluEval \
                QA evaluation split (%d items; grounded and hallucinated answers alike) as `answer`, its question as \
                `prompt`, its knowledge passages as `sources` (%.1f per request on average), two numeric features and \
                an LLM cost; %,d bytes per body on average; a fresh task id every time. The answer is 200 (passed) or \
                202 (escalated), only after the decision (`TaskVerified`) is committed to the event store on a \
                durable PostgreSQL (fsync and synchronous_commit on); escalated tasks then get their `Escalation` \
                from an event processor. Only 200 and 202 count as successes. The application runs in the \
                benchmark's JVM with its shipped configuration, projections running, and the load clients share its \
                two cores (one `java.net.http` client, HTTP/1.1 keep-alive).

                Modes, one application start each on the same database: **G** group commit with the shipped \
                settings; **S** the baseline, one INSERT + COMMIT per decision (`%s`; the single writer then commits \
                each decision alone); **J** as G with production authentication (RS256 JWT bearer) instead of HTTP \
                Basic (`operator:operator-dev`, the embedded default), phase B only. After each start a JIT warm-up \
                with %d clients until the compilers are quiet; between phases every event processor catches up.

                **Phase A** — fixed rate: an open-loop driver sends %.0f requests/s on a fixed timetable (each \
                asynchronously, whether or not earlier ones were answered) for %s of warm-up, then a %s window; a \
                request's latency is measured from its *scheduled* send time, so a stall counts against every \
                request it delayed (no coordinated omission). Targets p95 ≤ %.0f ms, p99 ≤ %.0f ms. \
                **Phase B** — saturation: closed loops of %s clients without think time, %s warm-up then a %s \
                window each; the saturation rate is the best of them. Target ≥ %,.0f durable verifications/s."""
                .formatted(TENANT, bodies.size(), bodies.items(), bodies.meanSources(), bodies.meanBytes(),
                        String.join(" ", BASELINE_ARGUMENTS), clients[0], rate, human(fixedWarmup),
                        human(fixedWindow), TARGET_P95_MS, TARGET_P99_MS,
                        String.join(", ", Arrays.stream(clients).mapToObj(Integer::toString).toList()),
                        human(warmup), human(window), TARGET_PER_SECOND));
        Map<String, String> settings = new LinkedHashMap<>(measured);
        postgres.settings("fsync", "synchronous_commit", "wal_sync_method", "commit_delay", "full_page_writes",
                        "shared_buffers", "max_connections")
                .forEach((name, value) -> settings.put("PostgreSQL " + name, value));
        Map<String, String> overrides = ApplicationUnderTest.overrides();
        settings.put("application settings overridden for every mode", overrides.isEmpty()
                ? "none (shipped defaults; S adds its two arguments)" : overrides.toString());
        report.facts("Settings", settings);
    }

    private void results(BenchmarkReport report, List<Mode> modes) {
        List<List<String>> rows = new ArrayList<>();
        for (Mode mode : modes) {
            for (PhaseResult phase : mode.measured()) {
                List<String> row = new ArrayList<>();
                row.add(mode.label());
                row.add(phase.name());
                row.add(phase.window().toSeconds() + " s");
                row.add(Long.toString(phase.windowSuccesses()));
                row.add(String.format("%,.0f", phase.perSecond()));
                row.add(ms(phase.percentileMillis(50)));
                row.add(ms(phase.percentileMillis(95)));
                row.add(ms(phase.percentileMillis(99)));
                row.add(ms(phase.maxMillis()));
                row.add(phase.windowErrors() + " / " + phase.totalErrors());
                rows.add(row);
            }
        }
        report.table(List.of("Mode", "Phase", "Window", "Verifications ok", "Verifications/s", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "Errors (window / phase)"), rows);

        Mode group = modes.get(0);
        Mode baseline = modes.get(1);
        PhaseResult a = group.fixedRate();
        PhaseResult aBase = baseline.fixedRate();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Phase A, group commit: p95 **%.2f ms** (target ≤ %.0f: **%s**), p99 **%.2f ms** "
                        + "(target ≤ %.0f: **%s**), %,d errors", a.percentileMillis(95), TARGET_P95_MS,
                met(a.percentileMillis(95) <= TARGET_P95_MS), a.percentileMillis(99), TARGET_P99_MS,
                met(a.percentileMillis(99) <= TARGET_P99_MS), a.totalErrors()));
        lines.add(String.format("Phase A, baseline (one commit per decision): p95 %.2f ms, p99 %.2f ms; "
                        + "group commit / baseline: p95 **%.2fx**, p99 **%.2fx**", aBase.percentileMillis(95),
                aBase.percentileMillis(99), a.percentileMillis(95) / aBase.percentileMillis(95),
                a.percentileMillis(99) / aBase.percentileMillis(99)));
        PhaseResult best = group.best();
        PhaseResult bestBase = baseline.best();
        lines.add(String.format("Phase B, group commit: saturation **%,.0f verifications/s** (%s); target ≥ %,.0f: "
                        + "**%s**", best.perSecond(), best.name().substring(3), TARGET_PER_SECOND,
                met(best.perSecond() >= TARGET_PER_SECOND)));
        lines.add(String.format("Phase B, baseline: %,.0f verifications/s (%s); group commit / baseline: **%.2fx**",
                bestBase.perSecond(), bestBase.name().substring(3), best.perSecond() / bestBase.perSecond()));
        if (modes.size() > 2) {
            PhaseResult bestJwt = modes.get(2).best();
            lines.add(String.format("Phase B, group commit with JWT: %,.0f verifications/s (%s) = %.2fx Basic; "
                            + "target ≥ %,.0f: **%s**", bestJwt.perSecond(), bestJwt.name().substring(3),
                    bestJwt.perSecond() / best.perSecond(), TARGET_PER_SECOND,
                    met(bestJwt.perSecond() >= TARGET_PER_SECOND)));
        }
        report.bullets(lines);
    }

    private static void diagnostics(BenchmarkReport report, Mode mode) {
        List<PhaseResult> phases = mode.measured();
        Set<String> labels = new LinkedHashSet<>();
        phases.forEach(phase -> labels.addAll(phase.facts().keySet()));
        List<String> header = new ArrayList<>(List.of(mode.label() + ": where the time went (measured window)"));
        phases.forEach(phase -> header.add(phase.name()));
        List<List<String>> rows = new ArrayList<>();
        List<String> meanRow = new ArrayList<>(List.of("client-side latency, mean"));
        phases.forEach(phase -> meanRow.add(String.format("%.2f ms", phase.meanMillis())));
        rows.add(meanRow);
        for (String label : labels) {
            List<String> row = new ArrayList<>(List.of(label));
            phases.forEach(phase -> row.add(phase.facts().getOrDefault(label, "")));
            rows.add(row);
        }
        report.paragraph("**" + mode.label() + "** — " + mode.description() + ".");
        report.table(header, rows);
        List<String> drained = new ArrayList<>();
        mode.drains().forEach((phase, took) -> drained.add(phase + ": " + (took.isNegative() ? "NOT caught up"
                : String.format("%.1f s", took.toMillis() / 1000.0))));
        report.paragraph("Time for all event processors (escalation opener, KPIs, audit chain, ...) to catch up "
                + "after each phase: " + String.join("; ", drained) + ".");
    }

    /**
     * One {@code TaskVerified} per acknowledged request, plus at most one per failed request (a request that timed
     * out, or was answered 503 because its commit came late, may still have been recorded); once drained, one
     * {@code EscalationOpened} per 202 (when no request failed).
     */
    private List<String> reconcile(BenchmarkReport report, PostgresProbe postgres, long acknowledged, long failed,
                                   boolean drained) {
        List<String> problems = new ArrayList<>();
        long verified = postgres.count("select count(*) from domain_event_entry where payload_type like '%TaskVerified'");
        long opened = postgres.count("select count(*) from domain_event_entry "
                + "where payload_type like '%EscalationOpened'");
        long deadLetters = postgres.count("select count(*) from dead_letter_entry");
        long escalated = escalatedAnswers.sum();
        if (verified < acknowledged || verified > acknowledged + failed) {
            problems.add("TaskVerified events stored: " + verified + ", expected " + acknowledged
                    + (failed == 0 ? "" : " to " + (acknowledged + failed)));
        }
        if (drained && failed == 0 && opened != escalated) {
            problems.add("EscalationOpened events: " + opened + ", expected " + escalated + " (one per 202)");
        }
        if (deadLetters != 0) {
            problems.add("dead letters: " + deadLetters);
        }
        report.paragraph(String.format("Reconciliation over the whole run (warm-ups included): %,d verifications "
                        + "acknowledged (%,d of them 202), %,d failed; %,d `TaskVerified` events, %,d `EscalationOpened` "
                        + "events%s, %,d dead letters in the database%s.", acknowledged, escalated, failed, verified,
                opened,
                drained ? "" : " (processors had not caught up: not compared)", deadLetters,
                problems.isEmpty() ? " — all match" : " — MISMATCH"));
        return problems;
    }

    private static List<PhaseResult> concat(List<PhaseResult> a, List<PhaseResult> b) {
        List<PhaseResult> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String met(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : String.format("%.2f", millis);
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
