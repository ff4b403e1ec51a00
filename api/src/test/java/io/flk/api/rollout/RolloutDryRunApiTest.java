package io.flk.api.rollout;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.RecordedTasks;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.TaskRef;
import io.flk.domain.verification.Vote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Dry-runs over a recorded window of 2,000 tasks (a fifth hallucinated, HRS and RAG-grounding scores that tell
 * them apart, every hallucination and a tenth of the rest labelled), decided by both strategies at 0.5.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolloutDryRunApiTest extends ApiTestSupport {

    private static final int TASKS = 2_000;
    private static final String RECORDED_RULES = rules(0.5);
    private static final String PASSES_EVERYTHING = rules(0.0);
    private static final String PLAN = """
            {"initialShare":0.2,"minStep":0.1,"maxStep":0.4,"minSamplesPerStep":40,"checkInterval":"PT5S",
             "maxStepDuration":"PT1M","latency":{"enabled":false},"cost":{"enabled":false},
             "containment":{"nonInferiorityMargin":0.05,"minLabelledHallucinations":8}}""";

    @Autowired
    private EventStore events;

    private String tenant;
    private Instant from;
    private Instant to;

    @BeforeAll
    void aRecordedWindow() {
        tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        from = Instant.now().minus(Duration.ofMinutes(5));
        Random random = new Random(7);
        List<EventMessage<?>> recorded = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            recorded.addAll(task("dry-" + i, from.plusMillis(100L * i), random));
        }
        events.publish(recorded);
        to = Instant.now();
    }

    @Test
    void aCandidateThatPassesEveryHallucinationWouldHaveBeenRolledBackByTheContainmentGate() {
        JsonNode report = dryRun(policyBody(PASSES_EVERYTHING)).get("report");

        assertThat(report.get("status").asText()).isEqualTo("ROLLED_BACK");
        assertThat(report.get("share").asDouble()).isZero();
        JsonNode last = report.get("looks").get(report.get("looks").size() - 1);
        assertThat(last.at("/judgement/action").asText()).isEqualTo("ROLLBACK");
        assertThat(last.at("/judgement/decidingGate").asText()).isEqualTo("CONTAINMENT");
        JsonNode containment = gate(last, "CONTAINMENT");
        assertThat(containment.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(containment.get("canaryValue").asDouble()).isZero();
        assertThat(containment.get("controlValue").asDouble()).isGreaterThan(0.8);
        assertThat(report.get("canaryTasks").asLong()).isPositive();
        assertThat(report.get("notSimulatable").asLong()).isZero();
    }

    @Test
    void aCandidateThatDecidesAsRecordedWouldHaveAdvancedAndNeverRolledBack() {
        JsonNode report = dryRun(policyBody(RECORDED_RULES)).get("report");

        List<String> actions = new ArrayList<>();
        report.get("looks").forEach(look -> actions.add(look.at("/judgement/action").asText()));
        assertThat(actions).contains("ADVANCE").doesNotContain("ROLLBACK");
        assertThat(report.get("status").asText()).isIn("RUNNING", "COMPLETED");
        assertThat(report.get("share").asDouble()).isGreaterThan(0.2);
        assertThat(report.get("canaryTasks").asLong() + report.get("controlTasks").asLong()
                + report.get("controlGroupTasks").asLong()).isLessThanOrEqualTo(TASKS);
    }

    @Test
    void aModelVersionNotRegisteredForTheTenantIsNotFound() {
        HttpJson.Response unregistered = as(OPERATOR).post(base(), """
                {"component":"HRS_MODEL","modelVersion":"hrs-0000000000000000","from":"%s","to":"%s"}"""
                .formatted(from, to));

        assertProblem(unregistered, 404, "model-version-not-registered", "modelVersion");
    }

    @Test
    void badWindowsAndCandidatesAreRefusedNamingTheirField() {
        assertProblem(as(OPERATOR).post(base(), body(policyBody(RECORDED_RULES), to, from, null)), 400, "invalid-field", "to");
        assertProblem(as(OPERATOR).post(base(), body(policyBody(RECORDED_RULES), from,
                Instant.now().plus(Duration.ofHours(1)), null)), 400, "invalid-field", "to");
        assertProblem(as(OPERATOR).post(base(), body(policyBody(RECORDED_RULES), to.minus(Duration.ofDays(8)), to,
                null)), 400, "invalid-field", "from");
        assertProblem(as(OPERATOR).post(base(), body(policyBody(RECORDED_RULES), from.minus(Duration.ofDays(2)),
                from.minus(Duration.ofDays(1)), null)), 422, "empty-range", "from");
        assertProblem(as(OPERATOR).post(base(), body(policyBody(rules(1.5)), from, to, null)), 400,
                "invalid-field", "policy.treatment.strategies.rag-grounding.groundedThreshold");
        assertProblem(as(OPERATOR).post(base(), body(policyBody(RECORDED_RULES), from, to,
                "{\"minStep\":0.5,\"maxStep\":0.1}")), 400, "invalid-field", "plan.minStep");
        assertProblem(as("tenant-acme").post(base(), body(policyBody(RECORDED_RULES), from, to, null)), 403, "forbidden",
                "tenantId");
    }

    private JsonNode dryRun(String policy) {
        HttpJson.Response answer = as(AUDITOR).post(base(), body(policy, from, to, PLAN));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private String base() {
        return "/api/v1/tenants/" + tenant + "/rollouts/dry-runs";
    }

    private static JsonNode gate(JsonNode look, String kind) {
        for (JsonNode gate : look.at("/judgement/gates")) {
            if (gate.get("gate").asText().equals(kind)) {
                return gate;
            }
        }
        throw new AssertionError("no " + kind + " gate in " + look);
    }

    private static String body(String policy, Instant from, Instant to, String plan) {
        return """
                {"component":"ENSEMBLE_POLICY","policy":%s,"plan":%s,"from":"%s","to":"%s"}"""
                .formatted(policy, plan, from, to);
    }

    private static String policyBody(String treatment) {
        return """
                {"treatment":%s,"baseline":%s,"controlShare":0.1}""".formatted(treatment, RECORDED_RULES);
    }

    private static String rules(double threshold) {
        String settings = """
                {"weight":1.0,"groundedThreshold":%s,"timeoutMillis":20,"onFailure":"FAIL_CLOSED"}"""
                .formatted(threshold);
        return """
                {"strategies":{"hrs":%s,"rag-grounding":%s},"quorum":2,"escalateAtRisk":1.0}"""
                .formatted(settings, settings);
    }

    /** One recorded task in its own aggregate stream: decided by both strategies at 0.5, then maybe labelled. */
    private List<? extends EventMessage<?>> task(String taskId, Instant at, Random random) {
        boolean hallucinated = random.nextDouble() < 0.2;
        double hrs = hallucinated ? random.nextDouble() * 0.45 : 0.55 + random.nextDouble() * 0.45;
        double rag = hallucinated ? random.nextDouble() * 0.6 : 0.5 + random.nextDouble() * 0.5;
        boolean passed = hrs >= 0.5 && rag >= 0.5;
        Decision decision = passed ? Decision.PASS : Decision.ESCALATED;
        TenantId tenantId = TenantId.of(tenant);
        TaskVerified verified = new TaskVerified(tenantId, taskId, "gpt-4o", 1, random.nextDouble() < 0.1, decision,
                1 - (hrs + rag) / 2, List.of(verdict(StrategyName.HRS, hrs), verdict(StrategyName.RAG_GROUNDING, rag)),
                Map.of("hrs", "hrs-1"), Map.of("x", 1.0), 0.01, 0.0003,
                passed ? null : TaskRef.of(tenantId, taskId).escalationId(), 3_000 + random.nextInt(2_000), at, null,
                Map.of());
        if (!hallucinated && random.nextDouble() >= 0.1) {
            return RecordedTasks.stream(verified);
        }
        TaskLabelled label = new TaskLabelled(tenantId, taskId, hallucinated ? Verdict.HALLUCINATION
                : Verdict.GROUNDED, passed ? LabelSource.REVIEW : LabelSource.ESCALATION, null, "reviewer", 1.0, at);
        return RecordedTasks.stream(new TaskEvent[] {verified, label});
    }

    private static StrategyVerdict verdict(StrategyName strategy, double score) {
        return new StrategyVerdict(strategy, score, score >= 0.5 ? Vote.GROUNDED : Vote.HALLUCINATED, 500, 0.0001,
                false, false, strategy == StrategyName.HRS ? "hrs-1" : null);
    }
}
