package io.flk.domain.simulation;

import io.flk.domain.simulation.SimulationResult.DecisionFlips;
import io.flk.domain.simulation.SimulationResult.KpiDeltas;
import io.flk.domain.simulation.SimulationResult.SimulationCounts;
import io.flk.domain.simulation.SimulationResult.SimulationOutcome;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.KpiCounters;
import io.flk.domain.verification.KpiQueries.KpiFigures;
import io.flk.domain.verification.LatencyHistogram;
import io.flk.domain.verification.StrategyName;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Adds up replayed tasks, in constant memory, into the actual and simulated KPIs of the simulated tasks
 * ({@link KpiCounters} and {@link LatencyHistogram}, as the KPI projection computes them) and their differences.
 */
public final class SimulationTally {

    private final SimulationCandidate candidate;
    private final ReviewPrice reviewPrice;
    private final Arm actual = new Arm();
    private final Arm simulated = new Arm();
    private final Map<StrategyName, Long> missing = new EnumMap<>(StrategyName.class);
    private long tasksRead;
    private long hardCapped;
    private long notSimulatable;
    private long passToEscalated;
    private long escalatedToPass;

    public SimulationTally(SimulationCandidate candidate, ReviewPrice reviewPrice) {
        this.candidate = candidate;
        this.reviewPrice = reviewPrice;
    }

    public void add(TaskReplay replay) {
        tasksRead++;
        if (replay instanceof TaskReplay.HardCapped) {
            hardCapped++;
        } else if (replay instanceof TaskReplay.MissingScores lacking) {
            notSimulatable++;
            lacking.missing().forEach(strategy -> missing.merge(strategy, 1L, Long::sum));
        } else if (replay instanceof TaskReplay.Simulated task) {
            actual.add(task.actual(), task.task().label());
            simulated.add(task.simulated(), task.task().label());
            if (task.flipped()) {
                if (task.simulated().escalated()) {
                    passToEscalated++;
                } else {
                    escalatedToPass++;
                }
            }
        }
    }

    public long tasksRead() {
        return tasksRead;
    }

    public SimulationResult result() {
        long simulatable = simulated.tasks;
        SimulationCounts counts = new SimulationCounts(tasksRead, hardCapped, simulatable, notSimulatable, missing,
                simulated.labelled, simulatable == 0 ? null : (double) simulated.labelled / simulatable);
        DecisionFlips flips = new DecisionFlips(passToEscalated, escalatedToPass);
        if (simulatable == 0) {
            return new SimulationResult(SimulationOutcome.NOT_ENOUGH_DATA, notEnoughData(), null, null, null, counts,
                    flips, List.of());
        }
        KpiFigures actualFigures = actual.figures();
        KpiFigures simulatedFigures = simulated.figures();
        BigDecimal simulatedCost = simulatedFigures.costPerTrustedTaskUsd();
        BigDecimal actualCost = actualFigures.costPerTrustedTaskUsd();
        KpiDeltas deltas = new KpiDeltas(
                difference(simulatedFigures.containmentRate(), actualFigures.containmentRate()),
                (double) (simulated.escalated - actual.escalated) / simulatable,
                simulatedCost == null || actualCost == null ? null : simulatedCost.subtract(actualCost),
                difference(simulatedFigures.verifyP95Ms(), actualFigures.verifyP95Ms()));
        return new SimulationResult(SimulationOutcome.SIMULATED, null, actualFigures, simulatedFigures, deltas, counts,
                flips, notes(counts, actualFigures, simulatedFigures));
    }

    private String notEnoughData() {
        if (tasksRead == 0) {
            return "no task of the tenant was recorded in the range";
        }
        long considered = tasksRead - hardCapped;
        if (considered == 0) {
            return "every task in the range was escalated by the budget hard cap without a vote";
        }
        List<StrategyName> neverRecorded = missing.entrySet().stream()
                .filter(entry -> entry.getValue() == considered).map(Map.Entry::getKey).toList();
        if (!neverRecorded.isEmpty()) {
            return neverRecorded.stream().map(this::neverRecorded).collect(Collectors.joining("; "));
        }
        return "no task in the range recorded the scores of every strategy the candidate runs (tasks lacking "
                + missing.entrySet().stream().map(entry -> entry.getKey().id() + ": " + entry.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }

    private String neverRecorded(StrategyName strategy) {
        if (strategy == StrategyName.HRS && candidate.hrsVersion() != null) {
            return "strategy hrs with HRS version " + candidate.hrsVersion() + " was never recorded for the "
                    + "tenant's tasks in the range (no HRS score with a shadow risk of that version)";
        }
        return "strategy " + strategy.id() + " was never recorded for the tenant's tasks in the range: "
                + "its scores would have to be invented";
    }

    private List<String> notes(SimulationCounts counts, KpiFigures actualFigures, KpiFigures simulatedFigures) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "Figures cover the %d simulated tasks only, actual and simulated alike.",
                counts.simulatable()));
        if (counts.notSimulatable() > 0) {
            notes.add(counts.notSimulatable() + " tasks lacked a recorded score of a strategy the candidate runs and "
                    + "are left out (by strategy: " + missing.entrySet().stream()
                    .map(entry -> entry.getKey().id() + " " + entry.getValue()).collect(Collectors.joining(", "))
                    + ").");
        }
        if (hardCapped > 0) {
            notes.add(hardCapped + " tasks escalated by the budget hard cap without a vote are left out.");
        }
        notes.add(String.format(Locale.ROOT, "Containment uses the recorded human labels: %d of %d simulated tasks "
                        + "are labelled (%.1f %%). Tasks that passed and were never sampled for review have no label, "
                        + "so a hallucination among them is unknown to both figures.",
                counts.labelled(), counts.simulatable(), 100 * counts.labelledCoverage()));
        if (actualFigures.containmentRate() == null || simulatedFigures.containmentRate() == null) {
            notes.add("No labelled hallucination among the simulated tasks: containment cannot be compared.");
        }
        notes.add(reviewPrice.fromRecordedLabels()
                ? String.format(Locale.ROOT, "An escalated task without a label (an open escalation, or a task only "
                        + "the candidate escalates) costs the mean recorded review cost of the range's labelled "
                        + "tasks, %.6f USD over %d labels; a labelled task costs its own recorded review cost.",
                        reviewPrice.usd(), reviewPrice.recordedLabels())
                : String.format(Locale.ROOT, "No task of the range was labelled, so no review cost was recorded: an "
                        + "escalated task costs the configured price of a human review, %.6f USD.", reviewPrice.usd()));
        notes.add("A passed task keeps the sampled review it really had; a task the candidate passes that really was "
                + "escalated costs no review.");
        notes.add("Simulated latency: the recorded decision latency minus the slowest recorded strategy plus the "
                + "slowest strategy the candidate runs, capped at its timeout; a strategy whose recorded latency "
                + "exceeds the candidate's timeout counts as timed out and takes its onFailure vote. Percentiles "
                + "come from log buckets at most 5 % wide.");
        if (candidate.hrsVersion() != null) {
            notes.add("HRS scores are the recorded shadow risks of HRS version " + candidate.hrsVersion()
                    + " (score = 1 - risk); latency, cost and failures are those recorded for the HRS strategy.");
        }
        return notes;
    }

    private static Double difference(Double simulated, Double actual) {
        return simulated == null || actual == null ? null : simulated - actual;
    }

    /** The KPI counts of one side (actual or simulated) over the simulated tasks. */
    private static final class Arm {

        /** Tasks per {@link LatencyHistogram} bucket; a bucket holds up to 1.05^b µs, so 1,000 reach past a year. */
        private final long[] latencyBuckets = new long[1_000];
        private long tasks;
        private long escalated;
        private long disagreements;
        private long labelled;
        private long caught;
        private long escaped;
        private double llmCost;
        private double verificationCost;
        private double reviewCost;

        void add(TaskOutcome outcome, RecordedLabel label) {
            tasks++;
            escalated += outcome.escalated() ? 1 : 0;
            disagreements += outcome.disagreement() ? 1 : 0;
            if (label != null) {
                labelled++;
                if (label.hallucination()) {
                    caught += outcome.decision() == Decision.ESCALATED ? 1 : 0;
                    escaped += outcome.decision() == Decision.PASS ? 1 : 0;
                }
            }
            llmCost += outcome.llmCostUsd();
            verificationCost += outcome.verificationCostUsd();
            reviewCost += outcome.reviewCostUsd();
            latencyBuckets[Math.min(LatencyHistogram.bucketOf(outcome.latencyMicros()), latencyBuckets.length - 1)]++;
        }

        KpiFigures figures() {
            LatencyHistogram latency = new LatencyHistogram();
            for (int bucket = 0; bucket < latencyBuckets.length; bucket++) {
                if (latencyBuckets[bucket] > 0) {
                    latency.add(bucket, latencyBuckets[bucket]);
                }
            }
            return KpiFigures.of(new KpiCounters(tasks, escalated, disagreements, labelled, caught, escaped,
                    BigDecimal.valueOf(llmCost), BigDecimal.valueOf(verificationCost), BigDecimal.valueOf(reviewCost)),
                    latency);
        }
    }
}
