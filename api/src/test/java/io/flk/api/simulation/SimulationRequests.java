package io.flk.api.simulation;

import io.flk.api.testing.RecordedTasks;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent;
import io.flk.domain.verification.TaskEvent.EnsembleDisagreed;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.Vote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Recorded tasks with known HRS and RAG-grounding scores, as the hot path records them (treatment group, both
 * strategies run, fixed costs and latencies), and simulation request bodies.
 */
final class SimulationRequests {

    static final double LLM_USD = 0.01;
    static final double HRS_USD = 0.0001;
    static final double RAG_USD = 0.0002;

    private SimulationRequests() {
    }

    /** Records a decision, its disagreement when the two strategies voted apart, and its label when not null. */
    static void record(EventStore events, String tenant, String taskId, double hrsScore, double ragScore,
                       Decision decision, Verdict label, double reviewCostUsd) {
        TaskVerified verified = new TaskVerified(TenantId.of(tenant), taskId, "gpt-4o", 1, false, decision,
                1 - (hrsScore + ragScore) / 2,
                List.of(new StrategyVerdict(StrategyName.HRS, hrsScore, vote(hrsScore), 300, HRS_USD, false, false,
                                "hrs-1"),
                        new StrategyVerdict(StrategyName.RAG_GROUNDING, ragScore, vote(ragScore), 600, RAG_USD, false,
                                false, null)),
                Map.of("hrs", "hrs-1"), Map.of("x", 1.0), LLM_USD, HRS_USD + RAG_USD, null, 1_000, Instant.now(), null,
                Map.of());
        List<TaskEvent> stream = new ArrayList<>(List.of(verified));
        if (vote(hrsScore) != vote(ragScore)) {
            stream.add(new EnsembleDisagreed(verified.tenantId(), taskId, 1, false, decision,
                    List.of(vote(hrsScore) == Vote.GROUNDED ? StrategyName.HRS : StrategyName.RAG_GROUNDING),
                    List.of(vote(hrsScore) == Vote.GROUNDED ? StrategyName.RAG_GROUNDING : StrategyName.HRS),
                    verified.verifiedAt()));
        }
        if (label != null) {
            stream.add(new TaskLabelled(verified.tenantId(), taskId, label,
                    decision == Decision.PASS ? LabelSource.REVIEW : LabelSource.ESCALATION, null, "reviewer",
                    reviewCostUsd, Instant.now()));
        }
        events.publish(RecordedTasks.stream(stream.toArray(TaskEvent[]::new)));
    }

    private static Vote vote(double score) {
        return score >= 0.5 ? Vote.GROUNDED : Vote.HALLUCINATED;
    }

    /** Rules over HRS and RAG grounding: both must vote grounded. */
    static String rules(double hrsThreshold, double ragThreshold) {
        return """
                {"strategies":{"hrs":%s,"rag-grounding":%s},"quorum":2,"escalateAtRisk":1.0}"""
                .formatted(settings(hrsThreshold), settings(ragThreshold));
    }

    static String settings(double threshold) {
        return """
                {"weight":1.0,"groundedThreshold":%s,"timeoutMillis":20,"onFailure":"FAIL_CLOSED"}"""
                .formatted(threshold);
    }

    static String policy(String treatment, String baseline) {
        return """
                {"treatment":%s,"baseline":%s,"controlShare":0.1}""".formatted(treatment, baseline);
    }

    static String body(String tenant, Instant from, Instant to, String policy) {
        return """
                {"tenantId":"%s","from":"%s","to":"%s","policy":%s}""".formatted(tenant, from, to, policy);
    }
}
