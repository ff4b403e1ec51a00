package io.flk.api.rollout;

import static io.flk.api.testing.RolloutApi.CANDIDATE_POLICY;
import static io.flk.api.testing.RolloutApi.modelRollout;
import static io.flk.api.testing.RolloutApi.policyRollout;
import static io.flk.api.verification.VerificationRequests.GROUNDED;
import static io.flk.api.verification.VerificationRequests.HALLUCINATED;
import static io.flk.db.Tables.SCHEDULED_TASKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.EventLog;
import io.flk.api.testing.EventLog.Logged;
import io.flk.api.testing.HrsApi;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.IsolatedApplication;
import io.flk.api.testing.RolloutApi;
import io.flk.api.verification.VerificationRequests;
import io.flk.db.testing.TestDatabase;
import io.flk.domain.hrs.HrsModelEvent.HrsRoutingChanged;
import io.flk.domain.hrs.HrsRouting;
import io.flk.domain.rollout.GateKind;
import io.flk.domain.rollout.GateResult;
import io.flk.domain.rollout.GateVerdict;
import io.flk.domain.rollout.RolloutAction;
import io.flk.domain.rollout.RolloutEvent;
import io.flk.domain.rollout.RolloutEvent.RolloutAborted;
import io.flk.domain.rollout.RolloutEvent.RolloutCompleted;
import io.flk.domain.rollout.RolloutEvent.RolloutPaused;
import io.flk.domain.rollout.RolloutEvent.RolloutResumed;
import io.flk.domain.rollout.RolloutEvent.RolloutRolledBack;
import io.flk.domain.rollout.RolloutEvent.RolloutShareChanged;
import io.flk.domain.rollout.RolloutEvent.RolloutStarted;
import io.flk.domain.rollout.RolloutEvent.RolloutStepJudged;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.EnsemblePolicyCanaryEvent.PolicyCanaryWithdrawn;
import io.flk.domain.verification.PolicyCanary;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.serialization.Serializer;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Rollouts end to end over HTTP on the embedded PostgreSQL, as the "done when" describes them: a promoted
 * model reaches all traffic in adaptive steps, a degraded policy is rolled back by its gates without a human, a
 * restart resumes a rollout where it was, and at each step the event log tells why.
 */
class RolloutScenarioApiTest extends ApiTestSupport {

    private static final String SERIALIZER = "eventSerializer";
    /** The db-scheduler task under which Axon stores deadlines. */
    private static final String AXON_DEADLINE = "AxonDeadline";
    private static final int LABELLED_TASKS = 3000;
    private static final int CLIENTS = 3;
    private static final int PROMOTION_SAMPLES_PER_STEP = 100;

    /**
     * Judged on the error budget first, in priority order; the latency gate stays on to roll back a slower model.
     * The budget is that of a 90 % SLO (fast burn 9, the most a 10 % budget allows): the error-budget gate passes once
     * its upper bound on "canary worse than control" is within the budget, and at the default 99 % SLO that needs
     * several hundred tasks in each arm of every step even when no task is bad, more traffic than a test can send.
     * The latency gate passes only once the canary's share of slow tasks is bounded well below 5 %, which on this
     * traffic takes far more tasks than a step has: it stays inconclusive and the error budget decides. Steps are
     * judged from {@value #PROMOTION_SAMPLES_PER_STEP} canary tasks on, so that a step's evidence is strong enough for
     * a large advance; the cap is far beyond what a step takes here.
     */
    private static final String PROMOTION_PLAN = """
            {"initialShare":0.2,"minStep":0.1,"maxStep":0.5,"minSamplesPerStep":%d,"checkInterval":"PT1S",
             "maxStepDuration":"PT2M","combination":"PRIORITY","priority":["ERROR_BUDGET","LATENCY"],
             "errorBudget":{"sloTarget":0.9,"fastBurnRate":9},"latency":{"maxP95Ratio":1.2},
             "containment":{"enabled":false},"cost":{"enabled":false}}
            """.formatted(PROMOTION_SAMPLES_PER_STEP);

    /**
     * HRS alone votes, its threshold of 0 makes every vote GROUNDED and no risk reaches 1: the candidate passes every
     * task, hallucinations included, while the live policy's grounding check escalates them.
     */
    private static final String DEGRADED_POLICY = """
            {"treatment":{"strategies":{"hrs":{"weight":1,"groundedThreshold":0,"timeoutMillis":5000,
              "onFailure":"FAIL_OPEN"}},"quorum":1,"escalateAtRisk":1},
             "baseline":{"strategies":{"rag-grounding":{"weight":1,"groundedThreshold":0.5,"timeoutMillis":5000,
              "onFailure":"FAIL_CLOSED"}},"quorum":1,"escalateAtRisk":0.9},
             "controlShare":0}
            """;

    /**
     * Containment decides: the candidate must catch hallucinations nearly as well as the live policy (5 points of
     * containment), judged once each arm has 8 labelled hallucinations. A step never has its samples, so nothing
     * but a failed gate ends it.
     */
    private static final String CONTAINMENT_PLAN = """
            {"initialShare":0.5,"minSamplesPerStep":100000,"checkInterval":"PT1S","maxStepDuration":"PT10M",
             "combination":"ALL_OF","priority":["ERROR_BUDGET","CONTAINMENT"],"onInconclusive":"PAUSE",
             "containment":{"nonInferiorityMargin":0.05,"minLabelledHallucinations":8},
             "latency":{"enabled":false},"cost":{"enabled":false}}
            """;

    /**
     * Advances once on the error budget of a 90 % SLO (as {@link #PROMOTION_PLAN}) after 30 canary tasks, then holds
     * without traffic: a step is judged only with 30 canary tasks and its cap lies an hour away.
     */
    private static final String RESTART_PLAN = """
            {"initialShare":0.5,"minStep":0.1,"maxStep":0.5,"minSamplesPerStep":30,"checkInterval":"PT1S",
             "maxStepDuration":"PT1H","combination":"PRIORITY","priority":["ERROR_BUDGET"],
             "errorBudget":{"sloTarget":0.9,"fastBurnRate":9},"latency":{"enabled":false},
             "containment":{"enabled":false},"cost":{"enabled":false}}
            """;

    @Autowired
    private EventGateway events;

    @Autowired
    @Qualifier(SERIALIZER)
    private Serializer serializer;

    @Test
    void aPromotedModelRollsOutInAdaptiveStepsToAllTraffic() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        HrsApi hrs = new HrsApi(this::as, tenant);
        String version = hrs.trainedOnLabelledTasks(events, LABELLED_TASKS, 42);
        String bundled = hrs.scoredBy(OPERATOR, "before-rollout");
        RolloutApi rollouts = new RolloutApi(this::as, tenant);
        String rolloutId = rollouts.requestId(OPERATOR, modelRollout(version, PROMOTION_PLAN));
        rollouts.acted(APPROVER, rolloutId, "approval");
        rollouts.awaitStatus(AUDITOR, rolloutId, "RUNNING");

        List<Sent> traffic = driveUntil(tenant, "promo-", Duration.ofSeconds(150),
                () -> status(rollouts, rolloutId).equals("COMPLETED"));

        JsonNode completed = rollouts.awaitStatus(AUDITOR, rolloutId, "COMPLETED");
        assertThat(completed.get("share").asDouble()).isEqualTo(1.0);
        assertThat(completed.get("endedBy").asText()).isEqualTo("gates");
        List<JsonNode> looks = decisions(rollouts, rolloutId);
        List<Double> sharesAfterAdvances = looks.stream()
                .filter(look -> look.at("/judgement/action").asText().equals("ADVANCE"))
                .map(look -> look.at("/judgement/shareAfter").asDouble()).toList();
        assertThat(sharesAfterAdvances).as(reasons(looks)).hasSizeGreaterThan(1).isSorted().doesNotHaveDuplicates()
                .endsWith(1.0);
        assertThat(looks).as("the gates only ever advanced").allSatisfy(look ->
                assertThat(look.at("/judgement/action").asText()).isIn("ADVANCE", "HOLD"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                as(AUDITOR).get(hrs.base() + "/routing").json().at("/routing/champion").asText()).isEqualTo(version));
        assertThat(hrs.scoredBy(OPERATOR, "after-rollout")).isEqualTo(version);

        EventLog log = new EventLog(TestDatabase.get().dsl(), serializer);
        List<Logged> logged = log.mentioning(rolloutId);
        List<RolloutEvent> lane = laneEvents(logged);
        List<RolloutShareChanged> changes = ofType(lane, RolloutShareChanged.class);
        assertThat(changes).as("one share change per advance").extracting(RolloutShareChanged::toShare)
                .containsExactlyElementsOf(sharesAfterAdvances);
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.action()).isEqualTo(RolloutAction.ADVANCE);
            assertThat(change.toShare()).isGreaterThan(change.fromShare());
            assertThat(change.canaryKey()).isEqualTo(version);
        });
        for (RolloutShareChanged change : changes) {
            RolloutStepJudged judged = (RolloutStepJudged) lane.get(lane.indexOf(change) - 1);
            assertAdvancedByThePriorityRule(judged, change);
        }
        int startedAt = indexOf(logged, RolloutStarted.class);
        int firstLook = indexOf(logged, RolloutStepJudged.class);
        int firstChange = indexOf(logged, RolloutShareChanged.class);
        int completion = indexOf(logged, RolloutCompleted.class);
        int promotion = -1;
        for (int i = 0; i < logged.size(); i++) {
            if (logged.get(i).payload() instanceof HrsRoutingChanged changed
                    && version.equals(changed.after().champion())) {
                assertThat(changed.cause()).isEqualTo("rollout:" + rolloutId);
                promotion = i;
            }
        }
        assertThat(List.of(startedAt, firstLook, firstChange, completion, promotion))
                .as("RolloutStarted, RolloutStepJudged, RolloutShareChanged, RolloutCompleted, HrsRoutingChanged")
                .doesNotContain(-1).isSorted().doesNotHaveDuplicates();
        RolloutCompleted end = (RolloutCompleted) logged.get(completion).payload();
        assertThat(end.canaryKey()).isEqualTo(version);
        assertThat(end.steps()).isEqualTo(changes.size() + 1);

        assertTasksScoredAsRoutedAtTheTime(log, tenant, rolloutId, version, bundled, traffic);
    }

    @Test
    void aDegradedPolicyVersionIsRolledBackByTheGatesWithoutAHuman() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        RolloutApi rollouts = new RolloutApi(this::as, tenant);
        rollouts.defineLivePolicy(OPERATOR);
        String rolloutId = rollouts.requestId(OPERATOR, policyRollout(DEGRADED_POLICY, CONTAINMENT_PLAN));
        rollouts.acted(APPROVER, rolloutId, "approval");
        long candidateVersion = rollouts.awaitStatus(AUDITOR, rolloutId, "RUNNING").get("canaryKey").asLong();

        List<JsonNode> decidedByCandidate = new ArrayList<>();
        int[] sent = {0};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (int i = 0; i < 10; i++) {
                boolean hallucinated = sent[0] % 2 == 0;
                JsonNode verified = verify(tenant, "degraded-" + sent[0]++, hallucinated ? HALLUCINATED : GROUNDED);
                if (verified.get("policyVersion").asLong() == candidateVersion) {
                    decidedByCandidate.add(verified);
                }
                labelAsAReviewer(tenant, verified, hallucinated);
            }
            return status(rollouts, rolloutId).equals("ROLLED_BACK");
        });

        assertThat(decidedByCandidate).as("the candidate decided tasks while it was rolled out").isNotEmpty()
                .allSatisfy(task -> assertThat(task.get("decision").asText()).isEqualTo("PASS"));
        JsonNode rolledBack = rollouts.awaitStatus(AUDITOR, rolloutId, "ROLLED_BACK");
        assertThat(rolledBack.get("endedBy").asText()).isEqualTo("gates");
        List<JsonNode> looks = decisions(rollouts, rolloutId);
        JsonNode last = looks.get(looks.size() - 1);
        assertThat(last.at("/judgement/action").asText()).as(reasons(looks)).isEqualTo("ROLLBACK");
        assertThat(last.at("/judgement/decidingGate").asText()).isEqualTo("CONTAINMENT");
        assertThat(looks.subList(0, looks.size() - 1)).as("held until the gate failed").allSatisfy(look ->
                assertThat(look.at("/judgement/action").asText()).isEqualTo("HOLD"));

        EventLog log = new EventLog(TestDatabase.get().dsl(), serializer);
        List<Logged> logged = awaitLogged(log, rolloutId, PolicyCanaryWithdrawn.class);
        List<RolloutEvent> lane = laneEvents(logged);
        assertThat(lane).as("no operator paused, resumed or aborted it")
                .noneMatch(event -> event instanceof RolloutPaused || event instanceof RolloutResumed
                        || event instanceof RolloutAborted);
        RolloutRolledBack rollback = ofType(lane, RolloutRolledBack.class).get(0);
        assertThat(rollback.failedGate()).isEqualTo(GateKind.CONTAINMENT);
        assertThat(rollback.canaryKey()).isEqualTo(String.valueOf(candidateVersion));
        RolloutStepJudged judged = (RolloutStepJudged) lane.get(lane.indexOf(rollback) - 1);
        assertThat(judged.judgement().action()).isEqualTo(RolloutAction.ROLLBACK);
        assertThat(judged.judgement().shareAfter()).isZero();
        GateResult containment = gate(judged, GateKind.CONTAINMENT);
        assertThat(containment.verdict()).isEqualTo(GateVerdict.FAIL);
        assertThat(containment.lower()).as(containment.detail()).isGreaterThan(containment.margin());
        assertThat(containment.canaryValue()).as(containment.detail()).isLessThan(containment.controlValue());
        assertThat(containment.canarySamples()).isEqualTo(judged.window().canary().labelledHallucinations())
                .isGreaterThanOrEqualTo(8);
        assertThat(containment.controlSamples()).isEqualTo(judged.window().control().labelledHallucinations())
                .isGreaterThanOrEqualTo(8);
        assertThat(containment.canaryValue()).isEqualTo((double) judged.window().canary().caughtHallucinations()
                / judged.window().canary().labelledHallucinations());
        assertThat(gate(judged, GateKind.ERROR_BUDGET).verdict()).isNotEqualTo(GateVerdict.FAIL);
        int rollbackAt = indexOf(logged, RolloutRolledBack.class);
        assertThat(indexOf(logged, RolloutStepJudged.class)).isLessThan(rollbackAt);
        assertThat(indexOf(logged, PolicyCanaryWithdrawn.class)).isGreaterThan(rollbackAt);
        assertThat(log.mentioning(PolicyCanaryWithdrawn.class, rolloutId)).singleElement()
                .satisfies(withdrawn -> assertThat(withdrawn.candidateVersion()).isEqualTo(candidateVersion));

        PolicyCanary withdrawn = new PolicyCanary(null, candidateVersion, null, judged.judgement().shareBefore());
        List<String> wouldHaveBeenCanary = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String taskId = "after-rollback-" + i;
            JsonNode verified = verify(tenant, taskId, HALLUCINATED);
            assertThat(verified.get("policyVersion").asLong()).as(taskId).isEqualTo(1);
            assertThat(verified.get("decision").asText()).as(taskId).isEqualTo("ESCALATED");
            if (withdrawn.decides(TenantId.of(tenant), taskId)) {
                wouldHaveBeenCanary.add(taskId);
            }
        }
        assertThat(wouldHaveBeenCanary).as("tasks the candidate would have decided at its share").isNotEmpty();
        assertThat(log.mentioning(TaskVerified.class, "after-rollback-")).filteredOn(task ->
                task.tenantId().value().equals(tenant)).hasSize(20).allSatisfy(task ->
                assertThat(task.policyVersion()).as(task.taskId()).isEqualTo(1));
    }

    @Test
    void aRestartInTheMiddleOfARolloutResumesItWithoutRepeatingOrSkippingALook() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase()) {
            String tenant = "acme";
            app.registerTenants(tenant);
            RolloutApi rollouts = new RolloutApi(app::as, tenant);
            rollouts.defineLivePolicy(OPERATOR);
            String rolloutId = rollouts.requestId(OPERATOR, policyRollout(CANDIDATE_POLICY, RESTART_PLAN));
            rollouts.acted(APPROVER, rolloutId, "approval");
            rollouts.awaitStatus(AUDITOR, rolloutId, "RUNNING");

            int[] sent = {0};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                for (int i = 0; i < 5; i++) {
                    HttpJson.Response verified = app.as(OPERATOR).post("/api/v1/verifications",
                            VerificationRequests.verification(tenant, "restart-" + sent[0]++, GROUNDED));
                    assertThat(verified.status()).as(verified.body()).isIn(200, 202);
                }
                return !ofType(laneEvents(eventLog(app).mentioning(rolloutId)), RolloutShareChanged.class).isEmpty();
            });
            RolloutShareChanged advanced = ofType(laneEvents(eventLog(app).mentioning(rolloutId)),
                    RolloutShareChanged.class).get(0);
            assertThat(advanced.action()).isEqualTo(RolloutAction.ADVANCE);
            assertThat(advanced.toStep()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> looksAt(app, rolloutId, 2).size() >= 2);
            List<RolloutStepJudged> beforeRestart = looks(app, rolloutId);

            app.stop();
            try (CloseableDSLContext database = DSL.using(app.jdbcUrl(), "postgres", "")) {
                assertThat(database.fetchCount(SCHEDULED_TASKS, SCHEDULED_TASKS.TASK_NAME.eq(AXON_DEADLINE)))
                        .as("the next look is a deadline stored in PostgreSQL").isOne();
            }
            app.start();

            Instant restarted = Instant.now();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    looks(app, rolloutId).stream().filter(look -> look.at().isAfter(restarted)).count() >= 3);
            List<RolloutStepJudged> judged = looks(app, rolloutId);
            assertThat(judged.subList(0, beforeRestart.size())).as("the looks before the restart stay as they were")
                    .isEqualTo(beforeRestart);
            assertThat(judged).extracting(RolloutStepJudged::evaluation).as("every look once, none skipped")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, judged.size()).boxed().toList());
            assertThat(judged).extracting(RolloutStepJudged::at).isSorted().doesNotHaveDuplicates();
            List<RolloutStepJudged> afterRestart = judged.subList(beforeRestart.size(), judged.size());
            assertThat(afterRestart).as("the saga resumed the step it was at").allSatisfy(look -> {
                assertThat(look.rolloutId().value()).isEqualTo(rolloutId);
                assertThat(look.step()).isEqualTo(advanced.toStep());
                assertThat(look.judgement().action()).as(look.judgement().reason()).isEqualTo(RolloutAction.HOLD);
                assertThat(look.judgement().shareBefore()).isEqualTo(advanced.toShare());
                assertThat(look.window().from()).as("the step's window starts where the share changed")
                        .isEqualTo(advanced.at());
            });
            assertThat(ofType(laneEvents(eventLog(app).mentioning(rolloutId)), RolloutShareChanged.class))
                    .as("one share change, judged before the restart").containsExactly(advanced);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode view = rollouts.get(AUDITOR, rolloutId).json();
                assertThat(view.get("status").asText()).isEqualTo("RUNNING");
                assertThat(view.get("step").asInt()).isEqualTo(advanced.toStep());
                assertThat(view.get("share").asDouble()).isEqualTo(advanced.toShare());
            });
            assertThat(rollouts.acted(OPERATOR, rolloutId, "abort").get("status").asText()).isEqualTo("ABORTED");
        }
    }

    /** One verification as a client sent it: when it left and when its answer came back. */
    private record Sent(String taskId, Instant sentAt, Instant answeredAt, JsonNode answer) {
    }

    /**
     * Grounded answers from {@link #CLIENTS} concurrent clients until {@code done}: enough traffic for steps of a
     * hundred canary tasks within seconds.
     */
    private List<Sent> driveUntil(String tenant, String prefix, Duration atMost, BooleanSupplier done) {
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    while (!stop.get()) {
                        String taskId = prefix + next.getAndIncrement();
                        Instant sentAt = Instant.now();
                        JsonNode answer = verify(tenant, taskId, GROUNDED);
                        sent.add(new Sent(taskId, sentAt, Instant.now(), answer));
                    }
                    return null;
                }));
            }
            await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (Future<?> client : running) {
                    if (client.isDone()) {
                        client.get();
                    }
                }
                return done.getAsBoolean();
            });
        } finally {
            stop.set(true);
            clients.shutdown();
        }
        try {
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            for (Future<?> client : running) {
                client.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new AssertionError("a client failed", e.getCause());
        }
        return List.copyOf(sent);
    }

    private JsonNode verify(String tenant, String taskId, String answer) {
        HttpJson.Response verified = as(OPERATOR).post("/api/v1/verifications",
                VerificationRequests.verification(tenant, taskId, answer));
        assertThat(verified.status()).as(verified.body()).isIn(200, 202);
        return verified.json();
    }

    /**
     * The true verdict, as a reviewer gives it: on the escalation of an escalated task once the queue shows it (the
     * escalation is opened after the decision), by a review of a passed one.
     */
    private void labelAsAReviewer(String tenant, JsonNode verified, boolean hallucinated) {
        String verdict = hallucinated ? "HALLUCINATION" : "GROUNDED";
        HttpJson.Response labelled;
        if (verified.get("decision").asText().equals("ESCALATED")) {
            String escalation = "/api/v1/escalations/" + verified.get("escalationId").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> as(APPROVER).get(escalation).status() == 200);
            labelled = as(APPROVER).post(escalation + "/resolution", "{\"verdict\":\"%s\"}".formatted(verdict));
        } else {
            labelled = as(APPROVER).post("/api/v1/tasks/" + verified.get("taskId").asText() + "/reviews",
                    "{\"tenantId\":\"%s\",\"verdict\":\"%s\"}".formatted(tenant, verdict));
        }
        assertThat(labelled.status()).as(labelled.body()).isIn(200, 201);
    }

    /**
     * Every task was scored by the version its routing named when it was verified: the canary for the tasks whose
     * bucket lay below the canary's share, the bundled champion for the others. The hot path follows a change once
     * the model line has stored it, so a task sent within a second of a change may still follow the one before.
     */
    private void assertTasksScoredAsRoutedAtTheTime(EventLog log, String tenant, String rolloutId, String version,
                                                    String bundled, List<Sent> traffic) {
        List<Logged> routings = log.mentioning("rollout:" + rolloutId).stream()
                .filter(logged -> logged.is(HrsRoutingChanged.class)).toList();
        String hrs = StrategyName.HRS.id();
        Map<String, String> recorded = log.mentioning(TaskVerified.class, tenant).stream()
                .filter(task -> task.modelVersions().containsKey(hrs))
                .collect(Collectors.toMap(TaskVerified::taskId, task -> task.modelVersions().get(hrs)));
        TenantId tenantId = TenantId.of(tenant);
        int byCanary = 0;
        for (Sent task : traffic) {
            String scoredBy = recorded.get(task.taskId());
            assertThat(scoredBy).as("recorded version of " + task.taskId())
                    .isEqualTo(hrsVersion(task.answer()));
            String before = deciding(routingAt(routings, task.sentAt().minusSeconds(1)), tenantId, task.taskId(),
                    bundled);
            String after = deciding(routingAt(routings, task.answeredAt()), tenantId, task.taskId(), bundled);
            assertThat(scoredBy).as("%s sent at %s", task.taskId(), task.sentAt()).isIn(before, after);
            byCanary += scoredBy.equals(version) ? 1 : 0;
        }
        assertThat(byCanary).as("tasks scored by the canary").isPositive().isLessThan(traffic.size());
    }

    private static HrsRouting routingAt(List<Logged> routings, Instant at) {
        HrsRouting routing = HrsRouting.bundledOnly();
        for (Logged logged : routings) {
            if (!logged.storedAt().isAfter(at)) {
                routing = logged.as(HrsRoutingChanged.class).after();
            }
        }
        return routing;
    }

    private static String deciding(HrsRouting routing, TenantId tenant, String taskId, String bundled) {
        String version = routing.decidingVersion(tenant, taskId);
        return version == null ? bundled : version;
    }

    private static String hrsVersion(JsonNode verified) {
        for (JsonNode vote : verified.get("votes")) {
            if (vote.get("strategy").asText().equals(StrategyName.HRS.id())) {
                return vote.get("modelVersion").asText();
            }
        }
        throw new AssertionError("no hrs vote in " + verified);
    }

    /**
     * The look before an advance judged a full step as the plan's priority rule says: the first conclusive gate in
     * priority order passed, with its upper bound within its margin, every gate before it lacked evidence, none
     * failed, and the share moved to what the look decided.
     */
    private static void assertAdvancedByThePriorityRule(RolloutStepJudged judged, RolloutShareChanged change) {
        assertThat(judged.step()).isEqualTo(change.fromStep());
        assertThat(judged.judgement().action()).isEqualTo(RolloutAction.ADVANCE);
        assertThat(judged.judgement().shareBefore()).isEqualTo(change.fromShare());
        assertThat(judged.judgement().shareAfter()).isEqualTo(change.toShare());
        assertThat(judged.window().canary().tasks()).isGreaterThanOrEqualTo(PROMOTION_SAMPLES_PER_STEP);
        assertThat(judged.window().control().tasks()).isPositive();
        List<GateResult> gates = judged.judgement().gates();
        assertThat(gates).extracting(GateResult::gate).containsExactly(GateKind.ERROR_BUDGET, GateKind.LATENCY);
        assertThat(gates).noneMatch(result -> result.verdict() == GateVerdict.FAIL);
        GateResult deciding = gate(judged, judged.judgement().decidingGate());
        assertThat(deciding.verdict()).as(judged.judgement().reason()).isEqualTo(GateVerdict.PASS);
        assertThat(deciding.upper()).as(deciding.detail()).isLessThanOrEqualTo(deciding.margin());
        assertThat(gates.subList(0, gates.indexOf(deciding))).allSatisfy(before ->
                assertThat(before.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA));
        GateResult budget = gate(judged, GateKind.ERROR_BUDGET);
        assertThat(budget.canarySamples()).isEqualTo(judged.window().canary().tasks());
        assertThat(budget.controlSamples()).isEqualTo(judged.window().control().tasks());
    }

    private static GateResult gate(RolloutStepJudged judged, GateKind kind) {
        return judged.judgement().gates().stream().filter(result -> result.gate() == kind).findFirst().orElseThrow();
    }

    private static String status(RolloutApi rollouts, String rolloutId) {
        HttpJson.Response rollout = rollouts.get(AUDITOR, rolloutId);
        return rollout.status() == 200 ? rollout.json().get("status").asText() : "";
    }

    private static List<JsonNode> decisions(RolloutApi rollouts, String rolloutId) {
        List<JsonNode> looks = new ArrayList<>();
        rollouts.get(AUDITOR, rolloutId + "/decisions").json().get("decisions").forEach(looks::add);
        return looks;
    }

    private static String reasons(List<JsonNode> looks) {
        return looks.stream().map(look -> look.at("/evaluation").asText() + " " + look.at("/judgement/action").asText()
                + ": " + look.at("/judgement/reason").asText()).collect(Collectors.joining("\n"));
    }

    /** Waits until the event log holds an event of {@code type} mentioning the rollout; answers the rollout's log. */
    private static List<Logged> awaitLogged(EventLog log, String rolloutId, Class<?> type) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                log.mentioning(rolloutId).stream().anyMatch(logged -> logged.is(type)));
        return log.mentioning(rolloutId);
    }

    private static List<RolloutEvent> laneEvents(List<Logged> logged) {
        return logged.stream().filter(event -> event.is(RolloutEvent.class)).map(event -> event.as(RolloutEvent.class))
                .toList();
    }

    private static <T> List<T> ofType(List<?> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static int indexOf(List<Logged> logged, Class<?> type) {
        for (int i = 0; i < logged.size(); i++) {
            if (logged.get(i).is(type)) {
                return i;
            }
        }
        return -1;
    }

    private static EventLog eventLog(IsolatedApplication app) {
        return new EventLog(app.dsl(), app.bean(SERIALIZER, Serializer.class));
    }

    private static List<RolloutStepJudged> looks(IsolatedApplication app, String rolloutId) {
        return ofType(laneEvents(eventLog(app).mentioning(rolloutId)), RolloutStepJudged.class);
    }

    private static List<RolloutStepJudged> looksAt(IsolatedApplication app, String rolloutId, int step) {
        return looks(app, rolloutId).stream().filter(look -> look.step() == step).toList();
    }
}
