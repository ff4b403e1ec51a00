package io.flk.api.simulation;

import static io.flk.api.simulation.SimulationRequests.HRS_USD;
import static io.flk.api.simulation.SimulationRequests.LLM_USD;
import static io.flk.api.simulation.SimulationRequests.RAG_USD;
import static io.flk.api.simulation.SimulationRequests.body;
import static io.flk.api.simulation.SimulationRequests.policy;
import static io.flk.api.simulation.SimulationRequests.record;
import static io.flk.api.simulation.SimulationRequests.rules;
import static io.flk.api.simulation.SimulationRequests.settings;
import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.db.Tables.SIMULATION_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import io.flk.db.testing.TestDatabase;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.simulation.SimulationCandidate;
import io.flk.domain.simulation.SimulationProgress;
import io.flk.domain.simulation.SimulationRun;
import io.flk.domain.simulation.SimulationStatus;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.evaluation.DefaultPolicies;
import io.flk.projections.simulation.SimulationRunStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SimulationApiTest extends ApiTestSupport {

    private static final String RECORDED = rules(0.5, 0.5);
    private static final String STRICTER = rules(0.75, 0.5);

    @Autowired
    private EventStore events;

    @Autowired
    private SimulationJobs jobs;

    @Autowired
    private SimulationRunStore store;

    @Autowired
    private MeterRegistry meters;

    private String tenant;
    private Instant from;

    @BeforeEach
    void tenantWithATimeRangeOfItsOwn() {
        tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        from = Instant.now().minusSeconds(1);
    }

    @Test
    void aStricterCandidateReportsHigherContainmentMoreEscalationsAndTheCostDelta() {
        // Recorded under HRS >= 0.5 and RAG >= 0.5. The candidate raises HRS to 0.75, so b and c escalate.
        record(events, tenant, "a", 0.90, 0.90, Decision.PASS, Verdict.GROUNDED, 1.0);
        record(events, tenant, "b", 0.70, 0.80, Decision.PASS, Verdict.HALLUCINATION, 1.0);
        record(events, tenant, "c", 0.65, 0.90, Decision.PASS, null, 0);
        record(events, tenant, "d", 0.30, 0.90, Decision.ESCALATED, Verdict.HALLUCINATION, 2.0);
        record(events, tenant, "e", 0.40, 0.20, Decision.ESCALATED, null, 0);
        record(events, tenant, "f", 0.95, 0.95, Decision.PASS, Verdict.GROUNDED, 1.0);

        JsonNode run = completed(as(OPERATOR).post("/api/v1/simulations",
                body(tenant, from, now(), policy(STRICTER, RECORDED))));

        JsonNode result = run.get("result");
        assertThat(result.get("outcome").asText()).isEqualTo("SIMULATED");
        double meanReview = (1.0 + 1.0 + 2.0 + 1.0) / 4;
        double strategiesAndLlm = 6 * (LLM_USD + HRS_USD + RAG_USD);
        // actual: escalated d, e (e open: the mean review price); caught d, escaped b; trusted a, c, f
        double actualCost = strategiesAndLlm + 1.0 + 1.0 + 2.0 + meanReview + 1.0;
        // simulated: escalated b, c (unlabelled: mean price), d, e; caught b, d; trusted a, f
        double simulatedCost = strategiesAndLlm + 1.0 + 1.0 + meanReview + 2.0 + meanReview + 1.0;
        JsonNode actual = result.get("actual");
        JsonNode simulated = result.get("simulated");
        assertThat(actual.get("counts").get("escalated").asLong()).isEqualTo(2);
        assertThat(simulated.get("counts").get("escalated").asLong()).isEqualTo(4);
        // the strategies voted apart on d really, and on b, c and d under the candidate
        assertThat(actual.get("counts").get("disagreements").asLong()).isEqualTo(1);
        assertThat(simulated.get("counts").get("disagreements").asLong()).isEqualTo(3);
        assertThat(actual.get("containmentRate").asDouble()).isEqualTo(0.5);
        assertThat(simulated.get("containmentRate").asDouble()).isEqualTo(1.0);
        assertThat(actual.get("costPerTrustedTaskUsd").asDouble()).isCloseTo(actualCost / 3, within(1e-7));
        assertThat(simulated.get("costPerTrustedTaskUsd").asDouble()).isCloseTo(simulatedCost / 2, within(1e-7));
        JsonNode deltas = result.get("deltas");
        assertThat(deltas.get("containmentRate").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(deltas.get("escalationRate").asDouble()).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(deltas.get("costPerTrustedTaskUsd").asDouble())
                .isCloseTo(simulatedCost / 2 - actualCost / 3, within(1e-7));
        assertThat(deltas.get("verifyP95Ms").asDouble()).isZero();
        assertThat(result.get("flips").get("passToEscalated").asLong()).isEqualTo(2);
        assertThat(result.get("flips").get("escalatedToPass").asLong()).isZero();
        assertThat(result.get("counts").get("labelled").asLong()).isEqualTo(4);
        assertThat(result.get("notes").toString()).contains("never sampled").contains("1.250000 USD over 4 labels");
    }

    @Test
    void theRecordedPolicyReplayedShowsNoDifference() {
        record(events, tenant, "a", 0.90, 0.90, Decision.PASS, Verdict.GROUNDED, 1.0);
        record(events, tenant, "b", 0.30, 0.90, Decision.ESCALATED, null, 0);

        JsonNode result = completed(as(AUDITOR).post("/api/v1/simulations",
                body(tenant, from, now(), policy(RECORDED, RECORDED)))).get("result");

        assertThat(result.get("deltas").get("escalationRate").asDouble()).isZero();
        assertThat(result.get("deltas").get("costPerTrustedTaskUsd").asDouble()).isZero();
        assertThat(result.get("actual")).isEqualTo(result.get("simulated"));
    }

    @Test
    void aCandidateUsingAStrategyNeverRecordedGivesNotEnoughDataNamingIt() {
        record(events, tenant, "a", 0.90, 0.90, Decision.PASS, Verdict.GROUNDED, 1.0);
        String withMicroVote = """
                {"strategies":{"hrs":%s,"micro-vote":%s},"quorum":2,"escalateAtRisk":1.0}"""
                .formatted(settings(0.5), settings(0.5));

        JsonNode result = completed(as(APPROVER).post("/api/v1/simulations",
                body(tenant, from, now(), policy(withMicroVote, RECORDED)))).get("result");

        assertThat(result.get("outcome").asText()).isEqualTo("NOT_ENOUGH_DATA");
        assertThat(result.get("reason").asText()).contains("micro-vote");
        assertThat(result.has("actual")).isFalse();
        assertThat(result.has("deltas")).isFalse();
        assertThat(result.get("counts").get("notSimulatableByStrategy").get("micro-vote").asLong()).isEqualTo(1);
    }

    @Test
    void aRunAnswers202WithWhereToFollowItAndEndsWithItsProgress() {
        record(events, tenant, "a", 0.90, 0.90, Decision.PASS, Verdict.GROUNDED, 1.0);
        record(events, tenant, "b", 0.30, 0.90, Decision.ESCALATED, null, 0);
        long completedBefore = completedRuns();
        double replayedBefore = meters.get(SimulationMetrics.EVENTS_REPLAYED).counter().count();

        HttpJson.Response accepted = as(OPERATOR).post("/api/v1/simulations",
                body(tenant, from, now(), policy(RECORDED, RECORDED)));

        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.json().get("id").asText();
        assertThat(accepted.header("Location")).hasValue("/api/v1/simulations/" + id);
        assertThat(accepted.json().get("status").asText()).isEqualTo("RUNNING");
        assertThat(accepted.json().has("progress")).isTrue();
        JsonNode run = awaitEnd(id);
        assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
        JsonNode progress = run.get("progress");
        assertThat(progress.get("phase").asText()).isEqualTo("DONE");
        assertThat(progress.get("tasksRead").asLong()).isEqualTo(2);
        assertThat(progress.get("estimatedTasks").asLong()).isEqualTo(2);
        // two decisions, a's label, b's disagreement
        assertThat(progress.get("eventsRead").asLong()).isEqualTo(4);
        assertThat(progress.get("fraction").asDouble()).isEqualTo(1.0);
        assertThat(run.get("requestedBy").asText()).isEqualTo(OPERATOR);
        // counted once the run's thread is done, just after it stored the end; other tests' runs may end meanwhile
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(completedRuns()).isGreaterThanOrEqualTo(completedBefore + 1);
            assertThat(meters.get(SimulationMetrics.EVENTS_REPLAYED).counter().count())
                    .isGreaterThanOrEqualTo(replayedBefore + 4);
        });
        // a gauge holds its object weakly: NaN would mean it lost the jobs' map
        assertThat(meters.get(SimulationMetrics.RUNNING).gauge().value()).as("runs of this instance").isNotNaN();
    }

    private long completedRuns() {
        return meters.get(SimulationMetrics.DURATION).tag("outcome", SimulationStatus.COMPLETED.name()).timer().count();
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldAndStoreNothing() {
        record(events, tenant, "a", 0.90, 0.90, Decision.PASS, Verdict.GROUNDED, 1.0);
        Instant to = now();
        String valid = policy(STRICTER, RECORDED);
        HttpJson operator = as(OPERATOR);

        assertProblem(operator.post("/api/v1/simulations", body(tenant, to, from, valid)), 400, "invalid-field", "to");
        assertProblem(operator.post("/api/v1/simulations", body(tenant, from, from, valid)), 400, "invalid-field",
                "to");
        assertProblem(operator.post("/api/v1/simulations", body(tenant, from, Instant.now().plusSeconds(3600), valid)),
                400, "invalid-field", "to");
        assertProblem(operator.post("/api/v1/simulations", body(tenant, from, to, policy(rules(0.5, 0.5)
                .replace("\"quorum\":2", "\"quorum\":3"), RECORDED))), 400, "invalid-field", "policy.treatment.quorum");
        assertProblem(operator.post("/api/v1/simulations", body(tenant, from, to, policy(RECORDED,
                rules(0.5, 1.5)))), 400, "invalid-field", "policy.baseline.strategies.rag-grounding.groundedThreshold");
        assertProblem(operator.post("/api/v1/simulations", """
                {"tenantId":"%s","from":"%s","to":"%s"}""".formatted(tenant, from, to)), 400, "invalid-field",
                "policy");
        assertProblem(operator.post("/api/v1/simulations", """
                {"tenantId":"%s","from":"yesterday","to":"%s","policy":%s}""".formatted(tenant, to, valid)),
                400, "wrong-type", "from");
        assertProblem(operator.post("/api/v1/simulations", """
                {"tenantId":"%s","from":"%s","to":"%s","policy":%s,"hrsVersion":"%s"}"""
                .formatted(tenant, from, to, valid, "v".repeat(65))), 400, "invalid-field", "hrsVersion");
        assertProblem(operator.post("/api/v1/simulations", """
                {"tenantId":"%s","from":"%s","to":"%s","policy":%s,"speed":"fast"}"""
                .formatted(tenant, from, to, valid)), 400, "unknown-field", "speed");
        assertProblem(operator.post("/api/v1/simulations", body("Not A Tenant!", from, to, valid)),
                400, "invalid-field", "tenantId");
        assertProblem(operator.post("/api/v1/simulations", body("t-never-registered", from, to, valid)),
                422, "unknown-tenant", "tenantId");
        assertProblem(operator.post("/api/v1/simulations", body(tenant, from.minusSeconds(7200),
                from.minusSeconds(3600), valid)), 422, "empty-range", "from");
        assertThat(runsOf(tenant)).isZero();
        assertThat(runsOf("t-never-registered")).isZero();
    }

    @Test
    void aTenantSimulatesOnlyItsOwnTrafficAndSeesOnlyItsOwnRuns() {
        ensureTenant("acme", "PT4H");
        record(events, "acme", "iso-" + UUID.randomUUID(), 0.9, 0.9, Decision.PASS, null, 0);
        record(events, tenant, "a", 0.9, 0.9, Decision.PASS, null, 0);
        Instant to = now();

        assertProblem(as(TENANT_GLOBEX).post("/api/v1/simulations", body("acme", from, to,
                policy(RECORDED, RECORDED))), 403, "forbidden", "tenantId");
        HttpJson.Response own = as(TENANT_ACME).post("/api/v1/simulations", body("acme", from, to,
                policy(RECORDED, RECORDED)));
        assertThat(own.status()).isEqualTo(202);
        String acmeRun = own.json().get("id").asText();
        String otherRun = as(OPERATOR).post("/api/v1/simulations", body(tenant, from, to, policy(RECORDED, RECORDED)))
                .json().get("id").asText();

        assertProblem(as(TENANT_GLOBEX).get("/api/v1/simulations/" + acmeRun), 404, "not-found", null);
        assertProblem(as(TENANT_GLOBEX).delete("/api/v1/simulations/" + acmeRun), 404, "not-found", null);
        assertProblem(as(TENANT_ACME).get("/api/v1/simulations/" + otherRun), 404, "not-found", null);
        assertThat(as(TENANT_ACME).get("/api/v1/simulations/" + acmeRun).status()).isEqualTo(200);
        assertThat(anonymous().post("/api/v1/simulations", body(tenant, from, to, policy(RECORDED, RECORDED)))
                .status()).isEqualTo(401);
        assertProblem(as(OPERATOR).get("/api/v1/simulations/no-such-run"), 404, "not-found", null);
        // Ended before the next test, whose runs would otherwise meet the limit on concurrent runs.
        awaitEnd(acmeRun);
        awaitEnd(otherRun);
    }

    @Test
    void aRunEndedBeforeItsCancellationStaysAsItEnded() {
        record(events, tenant, "a", 0.9, 0.9, Decision.PASS, null, 0);
        String id = as(OPERATOR).post("/api/v1/simulations", body(tenant, from, now(), policy(RECORDED, RECORDED)))
                .json().get("id").asText();
        awaitEnd(id);

        HttpJson.Response cancelled = as(OPERATOR).delete("/api/v1/simulations/" + id);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void runsLeftRunningByThisInstanceBeforeARestartEndAsInterrupted() {
        record(events, tenant, "a", 0.9, 0.9, Decision.PASS, null, 0);
        String finished = as(OPERATOR).post("/api/v1/simulations", body(tenant, from, now(),
                policy(RECORDED, RECORDED))).json().get("id").asText();
        awaitEnd(finished);
        String thisInstance = TestDatabase.get().dsl().select(SIMULATION_RUN.INSTANCE_ID).from(SIMULATION_RUN)
                .where(SIMULATION_RUN.ID.eq(finished)).fetchSingle(SIMULATION_RUN.INSTANCE_ID);
        SimulationRun leftRunning = leftRunning();
        store.insert(leftRunning, thisInstance);

        jobs.afterSingletonsInstantiated();

        JsonNode run = as(OPERATOR).get("/api/v1/simulations/" + leftRunning.id()).json();
        assertThat(run.get("status").asText()).isEqualTo("FAILED");
        assertThat(run.get("error").asText()).contains("interrupted");
        assertThat(as(OPERATOR).get("/api/v1/simulations/" + finished).json().get("status").asText())
                .isEqualTo("COMPLETED");
    }

    @Test
    void aRunWhoseInstanceFellSilentEndsAsInterruptedWhenAskedFor() {
        SimulationRun silent = leftRunning();
        store.insert(silent, "an-instance-that-stopped");

        JsonNode run = as(OPERATOR).get("/api/v1/simulations/" + silent.id()).json();

        assertThat(run.get("status").asText()).isEqualTo("FAILED");
        assertThat(run.get("error").asText()).contains("stopped reporting");
    }

    private SimulationRun leftRunning() {
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        return new SimulationRun(UUID.randomUUID().toString(), tenant, SimulationStatus.RUNNING, OPERATOR, longAgo,
                longAgo.minusSeconds(60), longAgo, new SimulationCandidate(DefaultPolicies.spec(), null),
                SimulationProgress.QUEUED, false, null, null, null);
    }

    private JsonNode completed(HttpJson.Response accepted) {
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
        JsonNode run = awaitEnd(accepted.json().get("id").asText());
        assertThat(run.get("status").asText()).as("%s", run).isEqualTo("COMPLETED");
        return run;
    }

    private JsonNode awaitEnd(String id) {
        JsonNode[] run = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            run[0] = as(OPERATOR).get("/api/v1/simulations/" + id).json();
            return !"RUNNING".equals(run[0].get("status").asText());
        });
        return run[0];
    }

    /** A range end just past the events recorded so far (the event store keeps milliseconds). */
    private static Instant now() {
        long recordedMillis = Instant.now().toEpochMilli();
        await().pollInterval(Duration.ofMillis(1)).until(() -> Instant.now().toEpochMilli() > recordedMillis);
        return Instant.now();
    }

    private static int runsOf(String tenantId) {
        return TestDatabase.get().dsl().fetchCount(SIMULATION_RUN, SIMULATION_RUN.TENANT_ID.eq(tenantId));
    }
}
