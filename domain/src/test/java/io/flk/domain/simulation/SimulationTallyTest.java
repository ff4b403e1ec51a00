package io.flk.domain.simulation;

import static io.flk.domain.simulation.SimulationFixtures.REVIEW_AT_2_USD;
import static io.flk.domain.simulation.SimulationFixtures.candidate;
import static io.flk.domain.simulation.SimulationFixtures.scored;
import static io.flk.domain.simulation.SimulationFixtures.settings;
import static io.flk.domain.simulation.SimulationFixtures.task;
import static io.flk.domain.simulation.SimulationFixtures.unanimous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flk.domain.escalation.Verdict;
import io.flk.domain.simulation.SimulationResult.DecisionFlips;
import io.flk.domain.simulation.SimulationResult.SimulationOutcome;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.StrategyName;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationTallyTest {

    /** Recorded under HRS at 0.5; replayed under HRS at 0.8. Each line: score, recorded decision, label. */
    private static final List<RecordedTask> RECORDED = List.of(
            hrsTask("a", 0.9, Decision.PASS).labelled(Verdict.GROUNDED, 1.0).build(),
            hrsTask("b", 0.7, Decision.PASS).labelled(Verdict.HALLUCINATION, 1.0).build(),
            hrsTask("c", 0.6, Decision.PASS).build(),
            hrsTask("d", 0.3, Decision.ESCALATED).labelled(Verdict.HALLUCINATION, 1.0).build(),
            hrsTask("e", 0.4, Decision.ESCALATED).build(),
            task("f").hardCapped().build(),
            task("g").verdicts(scored(StrategyName.RAG_GROUNDING, 0.9, 100, 0.001)).build());

    private final SimulationCandidate stricter = candidate(unanimous(Map.of(StrategyName.HRS, settings(0.8))));

    @Test
    void aStricterCandidateCatchesMoreAtAHigherCostPerTrustedTask() {
        SimulationResult result = tally(stricter, RECORDED);

        assertThat(result.outcome()).isEqualTo(SimulationOutcome.SIMULATED);
        // actual: escalated d, e; labelled a, b, d; caught d; escaped b; trusted a, c
        assertThat(result.actual().counts().tasks()).isEqualTo(5);
        assertThat(result.actual().counts().escalated()).isEqualTo(2);
        assertThat(result.actual().containmentRate()).isEqualTo(0.5);
        assertThat(result.actual().trustedTasks()).isEqualTo(2);
        // 5 x 0.01 LLM + 5 x 0.001 HRS + reviews 1 (a) + 1 (b) + 1 (d) + 2 (e, open: mean price)
        assertThat(result.actual().costPerTrustedTaskUsd()).isEqualByComparingTo("2.5275");
        // simulated: escalated b, c, d, e; caught b, d; trusted a
        assertThat(result.simulated().counts().escalated()).isEqualTo(4);
        assertThat(result.simulated().containmentRate()).isEqualTo(1.0);
        assertThat(result.simulated().trustedTasks()).isEqualTo(1);
        // reviews 1 (a, sampled) + 1 (b) + 2 (c, unlabelled: mean price) + 1 (d) + 2 (e)
        assertThat(result.simulated().costPerTrustedTaskUsd()).isEqualByComparingTo("7.055");
        assertThat(result.deltas().containmentRate()).isCloseTo(0.5, within(1e-12));
        assertThat(result.deltas().escalationRate()).isCloseTo(0.4, within(1e-12));
        assertThat(result.deltas().costPerTrustedTaskUsd()).isEqualByComparingTo(new BigDecimal("4.5275"));
        assertThat(result.deltas().verifyP95Ms()).isZero();
        assertThat(result.flips()).isEqualTo(new DecisionFlips(2, 0));
    }

    @Test
    void countsSayWhatWasReadSimulatedLeftOutAndLabelled() {
        SimulationResult result = tally(stricter, RECORDED);

        assertThat(result.counts().tasksRead()).isEqualTo(7);
        assertThat(result.counts().hardCapped()).isEqualTo(1);
        assertThat(result.counts().simulatable()).isEqualTo(5);
        assertThat(result.counts().notSimulatable()).isEqualTo(1);
        assertThat(result.counts().notSimulatableByStrategy()).isEqualTo(Map.of(StrategyName.HRS, 1L));
        assertThat(result.counts().labelled()).isEqualTo(3);
        assertThat(result.counts().labelledCoverage()).isEqualTo(0.6);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("3 of 5").contains("never sampled"))
                .anySatisfy(note -> assertThat(note).contains("mean recorded review cost").contains("2.000000"))
                .anySatisfy(note -> assertThat(note).contains("hard cap"));
    }

    @Test
    void latencyDeltaIsTheDifferenceOfTheP95s() {
        SimulationCandidate withRag = candidate(unanimous(Map.of(StrategyName.HRS, settings(0.5),
                StrategyName.RAG_GROUNDING, settings(0.5))));
        List<RecordedTask> tasks = List.of(
                task("a").verdicts(scored(StrategyName.HRS, 0.9, 1_000, 0),
                        scored(StrategyName.RAG_GROUNDING, 0.9, 9_000, 0)).decisionMicros(2_000).build());

        SimulationResult result = tally(withRag, tasks);

        // 2,000 - 9,000 + 9,000: the recorded decision already waited for the slower strategy
        assertThat(result.simulated().verifyP95Ms()).isEqualTo(result.actual().verifyP95Ms());
        SimulationResult hrsOnly = tally(candidate(unanimous(Map.of(StrategyName.HRS, settings(0.5)))), tasks);
        assertThat(hrsOnly.deltas().verifyP95Ms()).isNegative();
    }

    @Test
    void aStrategyNeverRecordedInTheRangeGivesNotEnoughDataNamingIt() {
        SimulationCandidate needsMicroVote = candidate(unanimous(Map.of(StrategyName.HRS, settings(0.5),
                StrategyName.MICRO_VOTE, settings(0.5))));

        SimulationResult result = tally(needsMicroVote, RECORDED.subList(0, 5));

        assertThat(result.outcome()).isEqualTo(SimulationOutcome.NOT_ENOUGH_DATA);
        assertThat(result.reason()).contains("micro-vote").contains("never recorded");
        assertThat(result.actual()).isNull();
        assertThat(result.simulated()).isNull();
        assertThat(result.deltas()).isNull();
        assertThat(result.counts().notSimulatableByStrategy()).isEqualTo(Map.of(StrategyName.MICRO_VOTE, 5L));
    }

    @Test
    void anHrsVersionNeverScoredInShadowGivesNotEnoughDataNamingTheVersion() {
        SimulationCandidate shadow = new SimulationCandidate(stricter.policy(), "hrs-9");

        SimulationResult result = tally(shadow, RECORDED.subList(0, 5));

        assertThat(result.outcome()).isEqualTo(SimulationOutcome.NOT_ENOUGH_DATA);
        assertThat(result.reason()).contains("hrs").contains("hrs-9");
    }

    @Test
    void tasksEachLackingSomeStrategyGiveNotEnoughDataWithTheCounts() {
        SimulationCandidate needsBoth = candidate(unanimous(Map.of(StrategyName.HRS, settings(0.5),
                StrategyName.RAG_GROUNDING, settings(0.5))));
        List<RecordedTask> tasks = List.of(hrsTask("a", 0.9, Decision.PASS).build(),
                task("b").verdicts(scored(StrategyName.RAG_GROUNDING, 0.9, 100, 0)).build());

        SimulationResult result = tally(needsBoth, tasks);

        assertThat(result.outcome()).isEqualTo(SimulationOutcome.NOT_ENOUGH_DATA);
        assertThat(result.reason()).contains("hrs: 1").contains("rag-grounding: 1");
    }

    @Test
    void noTaskOrOnlyHardCappedTasksGiveNotEnoughData() {
        assertThat(tally(stricter, List.of()).reason()).contains("no task");
        assertThat(tally(stricter, List.of(task("f").hardCapped().build())).reason()).contains("hard cap");
    }

    @Test
    void withoutALabelledHallucinationContainmentIsNotCompared() {
        SimulationResult result = tally(stricter, RECORDED.subList(2, 3));

        assertThat(result.deltas().containmentRate()).isNull();
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("containment cannot be compared"));
    }

    private static SimulationResult tally(SimulationCandidate candidate, List<RecordedTask> tasks) {
        TaskSimulator simulator = new TaskSimulator(candidate, REVIEW_AT_2_USD);
        SimulationTally tally = new SimulationTally(candidate, REVIEW_AT_2_USD);
        tasks.forEach(task -> tally.add(simulator.replay(task)));
        return tally.result();
    }

    private static SimulationFixtures.TaskBuilder hrsTask(String id, double score, Decision recorded) {
        return task(id).decided(recorded).llmCost(0.01).decisionMicros(1_000)
                .verdicts(scored(StrategyName.HRS, score, 500, 0.001));
    }
}
