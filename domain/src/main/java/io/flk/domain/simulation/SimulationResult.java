package io.flk.domain.simulation;

import io.flk.domain.verification.KpiQueries.KpiFigures;
import io.flk.domain.verification.StrategyName;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a candidate would have done to a tenant's recorded tasks, against what really happened to the same tasks.
 *
 * @param reason    why nothing could be said ({@link SimulationOutcome#NOT_ENOUGH_DATA}), or {@code null}
 * @param actual    the recorded KPIs of the simulated tasks; {@code null} without data
 * @param simulated the candidate's KPIs on the same tasks; {@code null} without data
 * @param deltas    simulated minus actual; {@code null} without data
 * @param notes     how the figures were obtained and what they cannot see
 */
public record SimulationResult(SimulationOutcome outcome, String reason, KpiFigures actual, KpiFigures simulated,
                               KpiDeltas deltas, SimulationCounts counts, DecisionFlips flips, List<String> notes) {

    public SimulationResult {
        notes = List.copyOf(notes);
    }

    public enum SimulationOutcome {
        SIMULATED,
        /** No recorded task could be re-decided: the reason names what was missing; never an invented number. */
        NOT_ENOUGH_DATA
    }

    /**
     * Simulated minus actual; a member is {@code null} when either side has no value (no labelled hallucination,
     * no trusted task).
     *
     * @param escalationRate share of the simulated tasks escalated
     * @param verifyP95Ms    p95 of the decision latency
     */
    public record KpiDeltas(Double containmentRate, Double escalationRate, BigDecimal costPerTrustedTaskUsd,
                            Double verifyP95Ms) {
    }

    /**
     * @param tasksRead                 recorded decisions of the tenant in the range
     * @param hardCapped                of those, escalated by the budget hard cap without a vote: left out
     * @param simulatable               re-decided under the candidate: every figure is over these
     * @param notSimulatable            lacking a recorded score of a strategy the candidate runs
     * @param notSimulatableByStrategy  per strategy, the tasks lacking its score (a task may lack several)
     * @param labelled                  simulated tasks with a human label
     * @param labelledCoverage          labelled / simulatable, {@code null} without a simulated task
     */
    public record SimulationCounts(long tasksRead, long hardCapped, long simulatable, long notSimulatable,
                                   Map<StrategyName, Long> notSimulatableByStrategy, long labelled,
                                   Double labelledCoverage) {

        public SimulationCounts {
            notSimulatableByStrategy = notSimulatableByStrategy.isEmpty() ? Map.of()
                    : Collections.unmodifiableMap(new EnumMap<>(notSimulatableByStrategy));
        }
    }

    /** Simulated tasks whose decision the candidate changes. */
    public record DecisionFlips(long passToEscalated, long escalatedToPass) {
    }
}
