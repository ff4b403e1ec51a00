package io.flk.domain.simulation;

import io.flk.domain.escalation.Verdict;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.FailureMode;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.Vote;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Hand-built recorded tasks and candidates: every number a test checks can be worked out from these. */
final class SimulationFixtures {

    static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    static final ReviewPrice REVIEW_AT_2_USD = new ReviewPrice(2.0, 10);

    private SimulationFixtures() {
    }

    static StrategyVerdict scored(StrategyName strategy, double score, long latencyMicros, double costUsd) {
        return new StrategyVerdict(strategy, score, score >= 0.5 ? Vote.GROUNDED : Vote.HALLUCINATED, latencyMicros,
                costUsd, false, false, strategy == StrategyName.HRS ? "hrs-1" : null);
    }

    static StrategyVerdict failed(StrategyName strategy, long latencyMicros) {
        return new StrategyVerdict(strategy, null, Vote.HALLUCINATED, latencyMicros, 0, false, true, null);
    }

    static StrategyVerdict timedOut(StrategyName strategy, long latencyMicros) {
        return new StrategyVerdict(strategy, null, Vote.HALLUCINATED, latencyMicros, 0, true, false, null);
    }

    static StrategySettings settings(double threshold) {
        return new StrategySettings(1, threshold, 20, FailureMode.FAIL_CLOSED);
    }

    static StrategySettings settings(double threshold, long timeoutMillis, FailureMode onFailure) {
        return new StrategySettings(1, threshold, timeoutMillis, onFailure);
    }

    /** Rules where every listed strategy has weight 1 and the task passes when all of them vote GROUNDED. */
    static EnsembleRules unanimous(Map<StrategyName, StrategySettings> strategies) {
        return new EnsembleRules(strategies, strategies.size(), 1.0);
    }

    static SimulationCandidate candidate(EnsembleRules treatment, EnsembleRules baseline) {
        return new SimulationCandidate(new EnsemblePolicySpec(treatment, baseline, 0.1), null);
    }

    static SimulationCandidate candidate(EnsembleRules both) {
        return candidate(both, both);
    }

    static Map<StrategyName, StrategySettings> hrsAndRag(double hrsThreshold, double ragThreshold) {
        Map<StrategyName, StrategySettings> strategies = new EnumMap<>(StrategyName.class);
        strategies.put(StrategyName.HRS, settings(hrsThreshold));
        strategies.put(StrategyName.RAG_GROUNDING, settings(ragThreshold));
        return strategies;
    }

    static TaskBuilder task(String taskId) {
        return new TaskBuilder(taskId);
    }

    static final class TaskBuilder {

        private final String taskId;
        private boolean control;
        private Decision decision = Decision.PASS;
        private List<StrategyVerdict> verdicts = List.of();
        private Map<String, Double> shadows = Map.of();
        private double llmCost = 0.01;
        private long decisionMicros = 5_000;
        private boolean hardCapped;
        private boolean disagreed;
        private RecordedLabel label;

        private TaskBuilder(String taskId) {
            this.taskId = taskId;
        }

        TaskBuilder control() {
            control = true;
            return this;
        }

        TaskBuilder decided(Decision recorded) {
            decision = recorded;
            return this;
        }

        TaskBuilder verdicts(StrategyVerdict... recorded) {
            verdicts = List.of(recorded);
            return this;
        }

        TaskBuilder shadows(Map<String, Double> risks) {
            shadows = risks;
            return this;
        }

        TaskBuilder llmCost(double usd) {
            llmCost = usd;
            return this;
        }

        TaskBuilder decisionMicros(long micros) {
            decisionMicros = micros;
            return this;
        }

        TaskBuilder hardCapped() {
            hardCapped = true;
            decision = Decision.ESCALATED;
            verdicts = List.of();
            return this;
        }

        TaskBuilder disagreed() {
            disagreed = true;
            return this;
        }

        TaskBuilder labelled(Verdict verdict, double reviewCostUsd) {
            label = new RecordedLabel(verdict, reviewCostUsd);
            return this;
        }

        RecordedTask build() {
            double verificationCost = verdicts.stream().mapToDouble(StrategyVerdict::costUsd).sum();
            return new RecordedTask(taskId, AT, 1, control, decision, verdicts, shadows, llmCost, verificationCost,
                    decisionMicros, hardCapped, disagreed, label);
        }
    }
}
