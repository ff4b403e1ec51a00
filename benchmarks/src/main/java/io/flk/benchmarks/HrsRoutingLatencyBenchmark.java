package io.flk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.benchmarks.support.ApplicationUnderTest;
import io.flk.benchmarks.support.BenchTenants;
import io.flk.benchmarks.support.BenchmarkReport;
import io.flk.benchmarks.support.CpuProbe;
import io.flk.benchmarks.support.DurablePostgres;
import io.flk.benchmarks.support.HaluEvalBodies;
import io.flk.benchmarks.support.HrsLifecycleClient;
import io.flk.benchmarks.support.JitWarmup;
import io.flk.benchmarks.support.LoadDriver;
import io.flk.benchmarks.support.OpenLoopDriver;
import io.flk.benchmarks.support.PhaseResult;
import io.flk.benchmarks.support.PostgresProbe;
import io.flk.benchmarks.support.QuietMachine;
import io.flk.benchmarks.support.RestClient;
import io.flk.benchmarks.support.VerificationMetersProbe;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.hrs.HrsRouting;
import io.flk.domain.hrs.TrainingRow;
import io.flk.domain.hrs.training.SyntheticHrsData;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.TaskEvent;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
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
import java.util.function.ToLongFunction;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;

/**
 * What HRS routing costs on the verification hot path, end to end over HTTP ({@code POST /api/v1/verifications}),
 * against the product promise of p95 ≤ 10 ms. The in-process scoring of one HRS version takes microseconds
 * ({@link HrsTrainingBenchmark}); a routed tenant adds the routing look-up, the choice between champion and
 * challenger, two shadow scorings after the vote, a larger {@code TaskVerified} and more online-score rows. In one
 * run, on one durable PostgreSQL (fsync and synchronous_commit on) and one application start, two tenants under
 * the default ensemble policy (all three strategies):
 * <ol>
 *     <li>{@code hrs-bundled}, the baseline: nothing promoted, so the bundled HRS scores every task;</li>
 *     <li>{@code hrs-routed}: 3,000 labelled synthetic tasks ({@link SyntheticHrsData}, so that trained versions
 *     can clear the eligibility gates) published in their task streams, four versions trained over HTTP (seeds
 *     1-4) and promoted with four eyes (operator asks, approver approves): the first two that pass the gates as
 *     champion and challenger at share 0.3, the other two as shadows, which need no gate.</li>
 * </ol>
 * After a JIT warm-up on both tenants, open-loop phases at a modest fixed rate (default 100/s) alternate between
 * the tenants, round after round, so that neither gets a systematically quieter machine; latency is taken from
 * each request's scheduled send time (no coordinated omission). Only 200 and 202 answers count. Once every event
 * processor has caught up, the routed tenant's {@code TaskVerified} events in the event store and its
 * {@code GET …/hrs/online-performance} tell which version decided each task and which shadows scored it. The
 * section is printed and appended to BENCHMARKS.md; the run fails if a request failed, if a routed task lacks a
 * shadow's risk, if the read model disagrees with the event store, or if the champion / challenger split is far
 * from 70 / 30.
 *
 * <p>Options (system properties): {@code bench.rate} (100), {@code bench.fixed-warmup} (PT5S),
 * {@code bench.fixed-window} (PT20S), {@code bench.rounds} (2), {@code bench.jit-clients} (16, closed-loop clients
 * of the JIT warm-up), {@code bench.max-load} (3.0) and {@code bench.max-load-wait} (PT3M) (see
 * {@link QuietMachine}); {@code bench.jit-warmup-min} / {@code -max} / {@code -quiet-percent} (see
 * {@link JitWarmup}), {@code bench.data-root}, {@code benchmarks.file}. Application settings may be given as
 * system properties too; the report lists them.
 */
public final class HrsRoutingLatencyBenchmark {

    static final String BUNDLED = "hrs-bundled";
    static final String ROUTED = "hrs-routed";
    static final String OPERATOR = "operator";
    static final String OPERATOR_PASSWORD = "operator-dev";
    static final String APPROVER = "approver";
    static final String APPROVER_PASSWORD = "approver-dev";
    static final String PATH = "/api/v1/verifications";
    static final double TARGET_P95_MS = 10;
    static final int LABELLED_TASKS = 3_000;
    static final long DATA_SEED = 7;
    static final long[] TRAINING_SEEDS = {1, 2, 3, 4};
    static final String SYNTHETIC_TASK_PREFIX = "syn-";
    static final double CHALLENGER_SHARE = 0.3;
    /** How far the observed challenger share may stray from {@link #CHALLENGER_SHARE} before the run fails. */
    static final double SHARE_TOLERANCE = 0.05;
    /** The aggregate type the decision recorder writes tasks under. */
    static final String TASK_AGGREGATE = "VerifiedTask";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Duration GRACE = Duration.ofSeconds(60);
    static final Duration TRAINING_MAX = Duration.ofMinutes(5);
    static final Duration PROJECTION_DRAIN_MAX = Duration.ofMinutes(5);
    static final double COMPETING_LOAD_WARNING_PERCENT = 20;

    /** A tenant under load: its request bodies, its measured phases and its acknowledged verifications. */
    private record Tenant(String id, String role, HaluEvalBodies bodies, List<PhaseResult> phases,
                          LongAdder acknowledged) {

        static Tenant of(String id, String role) {
            return new Tenant(id, role, HaluEvalBodies.evaluationSplit(id), new ArrayList<>(), new LongAdder());
        }

        PhaseResult pooled() {
            long[] latencies = phases.stream().flatMapToLong(phase -> Arrays.stream(phase.latencies())).sorted()
                    .toArray();
            return new PhaseResult(id + ", all rounds", phases.stream().mapToInt(PhaseResult::clients).max()
                    .orElse(0), phases.stream().map(PhaseResult::window).reduce(Duration.ZERO, Duration::plus),
                    sum(PhaseResult::windowSuccesses), sum(PhaseResult::windowErrors),
                    sum(PhaseResult::totalSuccesses), sum(PhaseResult::totalErrors), latencies, Map.of(), Map.of());
        }

        private long sum(ToLongFunction<PhaseResult> count) {
            return phases.stream().mapToLong(count).sum();
        }
    }

    /**
     * How many routed tasks a version decided and how many it scored as a shadow, from the event store and from the
     * online-score read model.
     */
    private record VersionCount(String version, String role, long decidingInEventStore, long shadowedInEventStore,
                                long decidingOnline, long shadowedOnline) {
    }

    /**
     * The routed tenant's verifications in the event store (the synthetic labelled tasks aside) and what each version
     * did with them. A task whose hrs strategy timed out or failed has no deciding version; the shadows score it all
     * the same.
     */
    private record RoutingCount(long tasks, List<VersionCount> versions) {

        long decided() {
            return versions.stream().mapToLong(VersionCount::decidingInEventStore).sum();
        }

        double challengerShare(HrsRouting routing) {
            long challenger = versions.stream().filter(count -> count.version().equals(routing.challenger()))
                    .mapToLong(VersionCount::decidingInEventStore).sum();
            return decided() == 0 ? Double.NaN : challenger / (double) decided();
        }
    }

    private final double rate = Double.parseDouble(System.getProperty("bench.rate", "100"));
    private final Duration fixedWarmup = Duration.parse(System.getProperty("bench.fixed-warmup", "PT5S"));
    private final Duration fixedWindow = Duration.parse(System.getProperty("bench.fixed-window", "PT20S"));
    private final int rounds = Integer.parseInt(System.getProperty("bench.rounds", "2"));
    private final int jitClients = Integer.parseInt(System.getProperty("bench.jit-clients", "16"));
    private final JitWarmup jit = JitWarmup.fromSystemProperties();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    /** Task ids never repeat in a run: a repeated one would be answered from the earlier record (idempotency). */
    private final AtomicLong taskIds = new AtomicLong();
    private final Tenant bundled = Tenant.of(BUNDLED, "baseline: bundled HRS, nothing promoted");
    private final Tenant routed = Tenant.of(ROUTED, "champion + challenger (share " + CHALLENGER_SHARE
            + ") + 2 shadows");

    private HrsRoutingLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            new HrsRoutingLatencyBenchmark().run();
        } finally {
            ApplicationUnderTest.releaseStaticThreads();
        }
    }

    private void run() throws Exception {
        settings.put("load average before the run", QuietMachine.await(Duration.ofMinutes(3)));
        BenchmarkReport report = new BenchmarkReport("HRS routing on the verification hot path: champion, "
                + "challenger and two shadows vs the bundled HRS, at " + String.format("%.0f", rate) + "/s");
        List<String> problems = new ArrayList<>();
        try (DurablePostgres database = DurablePostgres.start(); PostgresProbe postgres = database.probe();
             ApplicationUnderTest app = ApplicationUnderTest.start(database)) {
            settings.put("PostgreSQL data directory", database.describeStorage());
            settings.put("fdatasync of 8 KiB there (median of 200, before the run)",
                    String.format("%.3f ms", database.fdatasyncMedian(200).toNanos() / 1e6));
            RestClient operator = RestClient.basic(app.port(), OPERATOR, OPERATOR_PASSWORD, REQUEST_TIMEOUT);
            RestClient approver = RestClient.basic(app.port(), APPROVER, APPROVER_PASSWORD, REQUEST_TIMEOUT);
            BenchTenants.register(operator, BUNDLED, Duration.ofHours(4));
            BenchTenants.register(operator, ROUTED, Duration.ofHours(4));
            HrsLifecycleClient lifecycle = new HrsLifecycleClient(operator, approver, ROUTED, PROJECTION_DRAIN_MAX,
                    TRAINING_MAX);
            HrsRouting routing = routeTrainedVersions(app, lifecycle);

            warmUp(app, operator);
            measureRounds(app, operator, postgres);
            drain(app, "the measured phases");
            RoutingCount counts = countRouting(lifecycle, postgres, routing);
            problems.addAll(checkRouting(counts, routing));
            bundled.phases().forEach(phase -> collectErrors(phase, problems));
            routed.phases().forEach(phase -> collectErrors(phase, problems));

            settings.putAll(app.settings());
            settings.put("group commit", app.environment().getProperty("flk.verification.group-commit-max-batch")
                    + " decisions / " + app.environment().getProperty("flk.verification.group-commit-max-delay"));
            settings.put("HRS routing cache TTL", app.environment().getProperty("flk.hrs.routing-cache-ttl"));
            settings.putAll(jit.settings());
            describe(report, postgres);
            results(report);
            routingCounts(report, counts, routing);
            if (!warnings.isEmpty()) {
                report.paragraph("**Warnings:**");
                report.bullets(warnings);
            }
            diagnostics(report);
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

    /**
     * Brings the routed tenant to champion, challenger and two shadows through the real API: labelled tasks, four
     * trainings, four promotions each approved by a second principal; answers the routing the API then shows.
     */
    private HrsRouting routeTrainedVersions(ApplicationUnderTest app, HrsLifecycleClient lifecycle) throws Exception {
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofDays(1));
        long began = System.nanoTime();
        publishLabelledTasks(app.bean(EventGateway.class), now.minus(Duration.ofHours(2)));
        lifecycle.awaitTrainingSet(from, now, LABELLED_TASKS);
        settings.put("routed tenant: " + LABELLED_TASKS + " labelled tasks published until the training set shows "
                + "them", seconds(began));
        List<String> eligible = new ArrayList<>();
        List<String> ineligible = new ArrayList<>();
        for (long seed : TRAINING_SEEDS) {
            long trainingBegan = System.nanoTime();
            String version = lifecycle.trainAndAwait(seed, from, now);
            JsonNode gates = lifecycle.card(version).get("eligibility");
            (gates.get("eligible").asBoolean() ? eligible : ineligible).add(version);
            settings.put("routed tenant: training with seed " + seed, String.format("%s → %s, test ROC AUC %.4f, "
                            + "ECE %.4f: %s", seconds(trainingBegan), version, gates.get("rocAuc").asDouble(),
                    gates.get("ece").asDouble(), gates.get("eligible").asBoolean() ? "may decide" : "shadow only"));
        }
        HrsRouting expected = routingOf(eligible, ineligible);
        lifecycle.promote(expected.champion(), "CHAMPION", null);
        lifecycle.promote(expected.challenger(), "CHALLENGER", CHALLENGER_SHARE);
        for (String shadow : expected.shadows()) {
            lifecycle.promote(shadow, "SHADOW", null);
        }
        HrsRouting routing = lifecycle.awaitRouting(expected);
        System.out.println("Routing of " + ROUTED + ": " + routing);
        return routing;
    }


    /**
     * Champion and challenger must pass the eligibility gates (test ROC AUC, ECE), shadows need not: the first two
     * eligible versions in seed order decide, the other two shadow.
     */
    private static HrsRouting routingOf(List<String> eligible, List<String> ineligible) {
        if (eligible.size() < 2) {
            throw new IllegalStateException("Only " + eligible + " of the trained versions pass the eligibility "
                    + "gates; champion and challenger need two");
        }
        List<String> shadows = new ArrayList<>(eligible.subList(2, eligible.size()));
        shadows.addAll(ineligible);
        return new HrsRouting(eligible.get(0), eligible.get(1), CHALLENGER_SHARE, shadows);
    }

    /** Verified and labelled tasks as the hot path and the reviewers record them, each in its own task stream. */
    private static void publishLabelledTasks(EventGateway events, Instant verifiedAt) {
        TenantId tenant = TenantId.of(ROUTED);
        List<GenericDomainEventMessage<TaskEvent>> batch = new ArrayList<>();
        for (TrainingRow row : SyntheticHrsData.rows(LABELLED_TASKS, DATA_SEED)) {
            String taskId = SYNTHETIC_TASK_PREFIX + row.taskId();
            TaskVerified verified = new TaskVerified(tenant, taskId, "gpt-4o", 0, false, Decision.PASS, 0.1,
                    List.of(), Map.of(), row.features(), 0.001, 0, null, 1_000, verifiedAt, null, Map.of());
            TaskLabelled label = new TaskLabelled(tenant, taskId,
                    row.hallucinated() ? Verdict.HALLUCINATION : Verdict.GROUNDED, LabelSource.REVIEW, null,
                    "reviewer", 2.0, verifiedAt.plusSeconds(60));
            String aggregateId = verified.task().toString();
            batch.add(new GenericDomainEventMessage<>(TASK_AGGREGATE, aggregateId, 0, verified));
            batch.add(new GenericDomainEventMessage<>(TASK_AGGREGATE, aggregateId, 1, label));
        }
        events.publish(batch);
    }




    private void warmUp(ApplicationUnderTest app, RestClient rest) {
        Map<String, LoadDriver.Operation> paths = new LinkedHashMap<>();
        for (Tenant tenant : List.of(bundled, routed)) {
            paths.put(tenant.id(), (client, sequence) -> verify(rest, tenant, "w-" + taskIds.incrementAndGet()));
        }
        JitWarmup.Outcome warmed = jit.run(jitClients, paths);
        settings.put("JIT warm-up (" + jitClients + " clients, both tenants)", warmed.describe());
        if (!warmed.quiet()) {
            warnings.add(String.format("The JIT warm-up ended at its maximum with the compiler still busy (%.0f %% "
                    + "of a core).", warmed.lastRoundCompilationPercent()));
        }
        warmed.runs().forEach(run -> {
            if (run.totalErrors() > 0) {
                warnings.add(run.name() + ": " + run.totalErrors() + " errors " + run.errors());
            }
        });
        drain(app, "the JIT warm-up");
    }

    /** Bundled, routed, bundled, routed, ...: each round gives both tenants one phase on the same machine. */
    private void measureRounds(ApplicationUnderTest app, RestClient rest, PostgresProbe postgres) {
        MeterRegistry meters = app.bean(MeterRegistry.class);
        CpuProbe cpu = app.cpuProbe();
        settings.put("1-minute load average when the measured phases began", String.format("%.2f", loadAverage()));
        for (int round = 1; round <= rounds; round++) {
            for (Tenant tenant : List.of(bundled, routed)) {
                String name = tenant.id() + ", round " + round;
                String prefix = "r" + round + "-";
                PhaseResult phase = OpenLoopDriver.run(name, rate, fixedWarmup, fixedWindow, GRACE,
                        sequence -> verifyAsync(rest, tenant, prefix + taskIds.incrementAndGet()),
                        cpu, app.hikariProbe(), postgres, new VerificationMetersProbe(meters));
                tenant.phases().add(measured(cpu, phase));
                drain(app, name);
            }
        }
        double after = loadAverage();
        settings.put("1-minute load average when the measured phases ended", String.format("%.2f", after));
        double limit = Double.parseDouble(System.getProperty("bench.max-load", "3.0"));
        if (after > limit) {
            warnings.add(String.format("The 1-minute load average was %.2f (above %.1f) when the measured phases "
                    + "ended. It counts this benchmark's own threads and still decays from the closed-loop JIT "
                    + "warm-up; what other processes took is the competing-load row below.", after, limit));
        }
    }

    private PhaseResult measured(CpuProbe cpu, PhaseResult phase) {
        double competing = cpu.lastCompetingPercent();
        if (competing > COMPETING_LOAD_WARNING_PERCENT) {
            warnings.add(String.format("%s: other processes on the machine used %.0f %% of a core during the "
                    + "window; this phase ran with less CPU than the machine has.", phase.name(), competing));
        }
        System.out.printf("%s: %,.0f verifications/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms, "
                        + "%d errors%n", phase.name(), phase.perSecond(), phase.percentileMillis(50),
                phase.percentileMillis(95), phase.percentileMillis(99), phase.maxMillis(), phase.totalErrors());
        return phase;
    }

    /** Waits for the event processors; a timeout is a warning, not the end. */
    private void drain(ApplicationUnderTest app, String after) {
        try {
            app.awaitProjectionsCaughtUp(PROJECTION_DRAIN_MAX);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IllegalStateException e) {
            warnings.add("Event processors after " + after + ": " + e.getMessage());
        }
    }

    private void verify(RestClient rest, Tenant tenant, String taskId) throws Exception {
        accept(tenant, rest.post(PATH, tenant.bodies().forTask(taskId)));
    }

    private CompletableFuture<?> verifyAsync(RestClient rest, Tenant tenant, String taskId) {
        return rest.postAsync(PATH, tenant.bodies().forTask(taskId)).thenApply(response -> accept(tenant, response));
    }

    private static RestClient.Response accept(Tenant tenant, RestClient.Response response) {
        if (response.status() != 200 && response.status() != 202) {
            String body = response.body() == null ? "" : response.body();
            throw new IllegalStateException("HTTP " + response.status() + ": "
                    + (body.length() > 160 ? body.substring(0, 160) + "…" : body));
        }
        tenant.acknowledged().increment();
        return response;
    }

    /**
     * Per routed version: the tasks it decided ({@code modelVersions.hrs} of the tenant's {@code TaskVerified}) and
     * those it scored as a shadow (a key of their {@code hrsShadowRisks}), from the event store and from
     * {@code GET …/online-performance}.
     */
    private static RoutingCount countRouting(HrsLifecycleClient lifecycle, PostgresProbe postgres, HrsRouting routing)
            throws Exception {
        Map<String, JsonNode> online = new LinkedHashMap<>();
        lifecycle.onlinePerformance().get("versions")
                .forEach(version -> online.put(version.get("modelVersion").asText(), version));
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(routing.champion(), "champion");
        roles.put(routing.challenger(), "challenger (share " + routing.challengerShare() + ")");
        routing.shadows().forEach(shadow -> roles.put(shadow, "shadow"));
        List<VersionCount> counts = new ArrayList<>();
        roles.forEach((version, role) -> {
            JsonNode performance = online.get(version);
            counts.add(new VersionCount(version, role, postgres.count(routedTasksVerified()
                    + " and payload -> 'modelVersions' ->> 'hrs' = '" + version + "'"),
                    postgres.count(routedTasksVerified()
                            + " and jsonb_exists(payload -> 'hrsShadowRisks', '" + version + "')"),
                    performance == null ? 0 : performance.get("deciding").asLong(),
                    performance == null ? 0 : performance.get("shadowed").asLong()));
        });
        return new RoutingCount(postgres.count(routedTasksVerified()), counts);
    }

    /**
     * One routed {@code TaskVerified} per acknowledged verification, each carrying both shadows' risks; the read
     * model agrees with the event store; the challenger decides about its share of the tasks the HRS scored.
     */
    private List<String> checkRouting(RoutingCount counts, HrsRouting routing) {
        List<String> problems = new ArrayList<>();
        long acknowledged = routed.acknowledged().sum();
        long failed = routed.phases().stream().mapToLong(PhaseResult::totalErrors).sum();
        if (counts.tasks() < acknowledged || counts.tasks() > acknowledged + failed) {
            problems.add(ROUTED + ": " + counts.tasks() + " TaskVerified in the event store, expected "
                    + acknowledged + " (one per acknowledged verification)");
        }
        for (VersionCount count : counts.versions()) {
            long expectedShadowed = routing.shadows().contains(count.version()) ? counts.tasks() : 0;
            if (count.shadowedInEventStore() != expectedShadowed) {
                problems.add(ROUTED + ": " + count.version() + " carries a shadow risk in "
                        + count.shadowedInEventStore() + " TaskVerified, expected " + expectedShadowed);
            }
            if (count.decidingInEventStore() != count.decidingOnline()
                    || count.shadowedInEventStore() != count.shadowedOnline()) {
                problems.add(ROUTED + ": " + count.version() + " decided / shadowed " + count.decidingInEventStore()
                        + " / " + count.shadowedInEventStore() + " tasks in the event store but "
                        + count.decidingOnline() + " / " + count.shadowedOnline() + " in online performance");
            }
        }
        double share = counts.challengerShare(routing);
        if (!(Math.abs(share - routing.challengerShare()) <= SHARE_TOLERANCE)) {
            problems.add(String.format("%s: the challenger decided %.1f %% of the tasks the HRS scored, expected "
                    + "%.0f %% ± %.0f", ROUTED, 100 * share, 100 * routing.challengerShare(), 100 * SHARE_TOLERANCE));
        }
        return problems;
    }

    private static void collectErrors(PhaseResult phase, List<String> problems) {
        phase.errors().forEach((error, count) -> problems.add(phase.name() + ": " + count + " x " + error));
    }

    private void describe(BenchmarkReport report, PostgresProbe postgres) {
        HaluEvalBodies bodies = bundled.bodies();
        report.paragraph("""
                One request = `POST /api/v1/verifications` with one of the %d answers of the bundled HaluEval QA \
                evaluation split (%d items) as `answer`, its question as `prompt` and its knowledge passages as \
                `sources` (%.1f per request on average; %,d bytes per body), two numeric features and a fresh task \
                id, as in the verification load benchmark; answered 200 or 202 only after its `TaskVerified` is \
                committed to a durable PostgreSQL (fsync and synchronous_commit on). Both tenants run the default \
                ensemble policy (rag-grounding, micro-vote and hrs in parallel, weighted 2-of-3) in the same \
                application start, HTTP Basic (`operator`), projections running, load clients in the same JVM on \
                the same two cores.

                **%s** (baseline): nothing promoted, the bundled HRS scores every task. **%s**: %,d labelled \
                synthetic tasks (`SyntheticHrsData`, seed %d) published as task events, four versions trained over \
                HTTP (seeds %s; logistic regression and gradient-boosted trees, the better calibrated one kept) \
                and promoted by `operator` with approval by `approver`: the first two versions that pass the \
                eligibility gates (test ROC AUC and ECE, see Settings) as champion and challenger at share %.1f \
                (it decides the tasks whose salted SHA-256 bucket falls below it), the other two as shadows (no \
                gate), scored on every task after the vote and recorded in `TaskVerified.hrsShadowRisks`. The trained versions know the \
                synthetic features only; the HaluEval requests lack them and are scored with those features at \
                0, which changes the risks they give, not the work of scoring.

                After a JIT warm-up on both tenants, %d rounds of open-loop phases, each tenant once per round in \
                the order %s, %s: %.0f requests/s on a fixed timetable, %s of warm-up then a %s window; a \
                request's latency is measured from its *scheduled* send time (no coordinated omission). Between \
                phases every event processor catches up. Target: p95 ≤ %.0f ms end to end."""
                .formatted(bodies.size(), bodies.items(), bodies.meanSources(), bodies.meanBytes(), BUNDLED,
                        ROUTED, LABELLED_TASKS, DATA_SEED,
                        String.join(", ", Arrays.stream(TRAINING_SEEDS).mapToObj(Long::toString).toList()),
                        CHALLENGER_SHARE, rounds, BUNDLED, ROUTED, rate, human(fixedWarmup), human(fixedWindow),
                        TARGET_P95_MS));
        Map<String, String> facts = new LinkedHashMap<>(settings);
        postgres.settings("fsync", "synchronous_commit", "wal_sync_method", "shared_buffers")
                .forEach((name, value) -> facts.put("PostgreSQL " + name, value));
        Map<String, String> overrides = ApplicationUnderTest.overrides();
        facts.put("application settings overridden", overrides.isEmpty() ? "none (shipped defaults)"
                : overrides.toString());
        report.facts("Settings", facts);
    }

    private void results(BenchmarkReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            rows.add(resultRow(bundled.phases().get(round)));
            rows.add(resultRow(routed.phases().get(round)));
        }
        PhaseResult base = bundled.pooled();
        PhaseResult hrs = routed.pooled();
        rows.add(resultRow(base));
        rows.add(resultRow(hrs));
        report.table(List.of("Phase", "Window", "Verifications ok", "Verifications/s", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "Errors (window / phase)"), rows);
        report.bullets(List.of(
                target(bundled, base),
                target(routed, hrs),
                String.format("Routed / bundled, all rounds: p50 **%.2fx** (%.2f vs %.2f ms), p95 **%.2fx** (%.2f vs "
                                + "%.2f ms), p99 %.2fx", hrs.percentileMillis(50) / base.percentileMillis(50),
                        hrs.percentileMillis(50), base.percentileMillis(50),
                        hrs.percentileMillis(95) / base.percentileMillis(95), hrs.percentileMillis(95),
                        base.percentileMillis(95), hrs.percentileMillis(99) / base.percentileMillis(99))));
    }

    private static List<String> resultRow(PhaseResult phase) {
        return List.of(phase.name(), phase.window().toSeconds() + " s",
                Long.toString(phase.windowSuccesses()), String.format("%,.0f", phase.perSecond()),
                ms(phase.percentileMillis(50)), ms(phase.percentileMillis(95)), ms(phase.percentileMillis(99)),
                ms(phase.maxMillis()), phase.windowErrors() + " / " + phase.totalErrors());
    }

    private static String target(Tenant tenant, PhaseResult pooled) {
        double p95 = pooled.percentileMillis(95);
        return String.format("%s (%s): p95 **%.2f ms**, target ≤ %.0f ms: **%s**; %,d verifications ok in the "
                        + "windows, %,d errors", tenant.id(), tenant.role(), p95, TARGET_P95_MS,
                p95 <= TARGET_P95_MS ? "met" : "NOT met", pooled.windowSuccesses(), pooled.totalErrors());
    }

    private void routingCounts(BenchmarkReport report, RoutingCount counts, HrsRouting routing) {
        List<List<String>> rows = new ArrayList<>();
        counts.versions().forEach(count -> rows.add(List.of(count.version(), count.role(),
                String.format("%,d / %,d", count.decidingInEventStore(), count.shadowedInEventStore()),
                String.format("%,d / %,d", count.decidingOnline(), count.shadowedOnline()))));
        report.paragraph(String.format("Routing of `%s` over the whole run (warm-up included), once every event "
                        + "processor had caught up: %,d verifications acknowledged, %,d `TaskVerified` in the event "
                        + "store; %,d of them scored by a deciding version, %,d without an HRS score (the hrs "
                        + "strategy timed out or failed); the challenger decided **%.1f %%** of those scored (share "
                        + "%.1f).", ROUTED, routed.acknowledged().sum(), counts.tasks(), counts.decided(),
                counts.tasks() - counts.decided(), 100 * counts.challengerShare(routing), routing.challengerShare()));
        report.table(List.of("HRS version", "Role", "Tasks decided / scored as a shadow (TaskVerified in the "
                + "event store)", "Tasks decided / scored as a shadow (online performance)"), rows);
    }

    private void diagnostics(BenchmarkReport report) {
        List<PhaseResult> phases = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            phases.add(bundled.phases().get(round));
            phases.add(routed.phases().get(round));
        }
        Set<String> labels = new LinkedHashSet<>();
        phases.forEach(phase -> labels.addAll(phase.facts().keySet()));
        List<String> header = new ArrayList<>(List.of("Where the time went (measured window)"));
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
        report.table(header, rows);
    }

    /**
     * Counts the routed tenant's {@code TaskVerified} events of verification requests (not the synthetic labelled
     * tasks), payload as JSON, for {@link PostgresProbe#count}.
     */
    private static String routedTasksVerified() {
        return "select count(*) from (select convert_from(payload, 'UTF8')::jsonb as payload from domain_event_entry "
                + "where payload_type like '%TaskVerified') verified where payload ->> 'tenantId' = '" + ROUTED
                + "' and payload ->> 'taskId' not like '" + SYNTHETIC_TASK_PREFIX + "%'";
    }




    private static String seconds(long beganNanos) {
        return String.format("%.1f s", (System.nanoTime() - beganNanos) / 1e9);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : String.format("%.2f", millis);
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
