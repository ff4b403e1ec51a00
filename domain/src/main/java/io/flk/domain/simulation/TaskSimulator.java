package io.flk.domain.simulation;

import io.flk.domain.verification.Decision;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.EnsembleVote;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyOutcome;
import io.flk.domain.verification.StrategySettings;
import io.flk.domain.verification.StrategyVerdict;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Re-decides recorded tasks under a candidate from their recorded scores, exactly as the hot path decides
 * ({@link StrategyOutcome#voteAt}, {@link StrategyVerdict#unavailable}, {@link EnsembleVote#of}), one task at a
 * time, so that a caller can aggregate the outcomes (a {@link SimulationTally}) or feed them in time order into
 * something else (a rollout dry-run).
 *
 * <ul>
 *   <li>A strategy votes from its recorded score at the candidate's grounded threshold. One that failed or timed
 *       out, or whose recorded latency exceeds the candidate's timeout (it would not have answered in time), takes
 *       the candidate's {@code onFailure} vote and costs nothing, as on the hot path.</li>
 *   <li>Latency: the recorded decision latency, minus the slowest recorded strategy, plus the slowest strategy the
 *       candidate runs, each capped at the candidate's timeout (the strategies run in parallel).</li>
 *   <li>Cost: the LLM call, the strategies the candidate runs, and a review when the task is escalated (its
 *       recorded review cost when it was labelled, else the {@link ReviewPrice}). A passed task keeps the sampled
 *       review it really had; a task the candidate passes that really was escalated costs no review, since
 *       whether it would have been sampled is unknown. The recorded outcome is priced by the same rule, so a
 *       candidate equal to the recorded policy shows no difference.</li>
 *   <li>A task lacking the recorded score of a strategy the candidate runs (or, with an HRS version, that
 *       version's shadow risk) is not simulated; a task escalated by the budget hard cap is left out.</li>
 * </ul>
 */
public final class TaskSimulator {

    private final SimulationCandidate candidate;
    private final ReviewPrice reviewPrice;
    private final List<StrategyName> runs;

    public TaskSimulator(SimulationCandidate candidate, ReviewPrice reviewPrice) {
        this.candidate = candidate.validated();
        this.reviewPrice = reviewPrice;
        this.runs = List.copyOf(EnumSet.copyOf(candidate.strategiesToRun()));
    }

    public SimulationCandidate candidate() {
        return candidate;
    }

    public ReviewPrice reviewPrice() {
        return reviewPrice;
    }

    public TaskReplay replay(RecordedTask task) {
        if (task.budgetHardCapped()) {
            return new TaskReplay.HardCapped(task);
        }
        Set<StrategyName> missing = missingScores(task);
        if (!missing.isEmpty()) {
            return new TaskReplay.MissingScores(task, missing);
        }
        EnsembleRules rules = candidate.rulesFor(task.controlGroup());
        EnsembleRules otherRules = candidate.rulesFor(!task.controlGroup());
        List<StrategyVerdict> verdicts = new ArrayList<>(runs.size());
        long slowest = 0;
        double verificationCost = 0;
        boolean failedWithSay = false;
        for (StrategyName strategy : runs) {
            StrategySettings settings = rules.strategies().containsKey(strategy) ? rules.strategies().get(strategy)
                    : otherRules.strategies().get(strategy);
            StrategyVerdict verdict = simulate(task, strategy, settings);
            verdicts.add(verdict);
            slowest = Math.max(slowest, verdict.latencyMicros());
            verificationCost += verdict.costUsd();
            failedWithSay |= rules.strategies().containsKey(strategy) && (verdict.failed() || verdict.timedOut());
        }
        EnsembleVote vote = EnsembleVote.of(rules, verdicts);
        long latency = Math.max(0, task.decisionMicros() - task.slowestStrategyMicros() + slowest);
        TaskOutcome simulated = new TaskOutcome(vote.decision(), latency, task.llmCostUsd(), verificationCost,
                reviewCost(task, vote.decision()), failedWithSay, vote.disagreement());
        TaskOutcome actual = new TaskOutcome(task.decision(), task.decisionMicros(), task.llmCostUsd(),
                task.verificationCostUsd(), reviewCost(task, task.decision()), task.strategyFailed(),
                task.disagreed());
        return new TaskReplay.Simulated(task, actual, simulated);
    }

    private Set<StrategyName> missingScores(RecordedTask task) {
        Set<StrategyName> missing = EnumSet.noneOf(StrategyName.class);
        for (StrategyName strategy : runs) {
            boolean recorded = task.verdict(strategy) != null && (strategy != StrategyName.HRS
                    || candidate.hrsVersion() == null || task.hrsShadowRisks().containsKey(candidate.hrsVersion()));
            if (!recorded) {
                missing.add(strategy);
            }
        }
        return missing;
    }

    private StrategyVerdict simulate(RecordedTask task, StrategyName strategy, StrategySettings settings) {
        StrategyVerdict recorded = task.verdict(strategy);
        long timeoutMicros = settings.timeoutMillis() * 1_000;
        boolean shadow = strategy == StrategyName.HRS && candidate.hrsVersion() != null;
        Double score = shadow ? Double.valueOf(1 - task.hrsShadowRisks().get(candidate.hrsVersion()))
                : recorded.score();
        boolean timedOut = recorded.timedOut() || recorded.latencyMicros() > timeoutMicros;
        if (timedOut || recorded.failed() || score == null) {
            return StrategyVerdict.unavailable(strategy, settings.onFailure(), timedOut,
                    Math.min(recorded.latencyMicros(), timeoutMicros));
        }
        String modelVersion = shadow ? candidate.hrsVersion() : recorded.modelVersion();
        return StrategyVerdict.scored(strategy, new StrategyOutcome(score, 0, modelVersion),
                settings.groundedThreshold(), recorded.latencyMicros(), recorded.costUsd());
    }

    private double reviewCost(RecordedTask task, Decision decision) {
        RecordedLabel label = task.label();
        if (decision == Decision.ESCALATED) {
            return label != null ? label.reviewCostUsd() : reviewPrice.usd();
        }
        return label != null && task.decision() == Decision.PASS ? label.reviewCostUsd() : 0;
    }
}
