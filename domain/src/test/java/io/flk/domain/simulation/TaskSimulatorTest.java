package io.flk.domain.simulation;

import static io.flk.domain.simulation.SimulationFixtures.REVIEW_AT_2_USD;
import static io.flk.domain.simulation.SimulationFixtures.candidate;
import static io.flk.domain.simulation.SimulationFixtures.failed;
import static io.flk.domain.simulation.SimulationFixtures.hrsAndRag;
import static io.flk.domain.simulation.SimulationFixtures.scored;
import static io.flk.domain.simulation.SimulationFixtures.settings;
import static io.flk.domain.simulation.SimulationFixtures.task;
import static io.flk.domain.simulation.SimulationFixtures.timedOut;
import static io.flk.domain.simulation.SimulationFixtures.unanimous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flk.domain.budget.HardCapBehaviour;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.FailureMode;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskSimulatorTest {

    private static final EnsembleRules HRS_AT_HALF = unanimous(Map.of(StrategyName.HRS, settings(0.5)));

    @Test
    void aStrategyVotesFromItsRecordedScoreAtTheCandidatesThreshold() {
        RecordedTask task = task("t1").verdicts(scored(StrategyName.HRS, 0.7, 100, 0.001)).build();

        assertThat(simulated(candidate(unanimous(Map.of(StrategyName.HRS, settings(0.6)))), task).decision())
                .isEqualTo(Decision.PASS);
        assertThat(simulated(candidate(unanimous(Map.of(StrategyName.HRS, settings(0.8)))), task).decision())
                .isEqualTo(Decision.ESCALATED);
    }

    @Test
    void aLowerRiskCeilingEscalatesOnTheWeightedRiskOfTheRecordedScores() {
        RecordedTask task = task("t1").verdicts(scored(StrategyName.HRS, 0.7, 100, 0.001),
                scored(StrategyName.RAG_GROUNDING, 0.9, 50, 0.0005)).build();
        EnsembleRules lenient = new EnsembleRules(hrsAndRag(0.5, 0.5), 2, 0.5);
        EnsembleRules strict = new EnsembleRules(hrsAndRag(0.5, 0.5), 2, 0.15);

        // weighted risk = ((1 - 0.7) + (1 - 0.9)) / 2 = 0.2
        assertThat(simulated(candidate(lenient), task).decision()).isEqualTo(Decision.PASS);
        assertThat(simulated(candidate(strict), task).decision()).isEqualTo(Decision.ESCALATED);
    }

    @Test
    void aFailedOrTimedOutStrategyTakesTheCandidatesOnFailureVote() {
        RecordedTask failedTask = task("t1").verdicts(failed(StrategyName.HRS, 300)).build();
        RecordedTask timedOutTask = task("t2").verdicts(timedOut(StrategyName.HRS, 20_000)).build();
        SimulationCandidate failOpen = candidate(unanimous(Map.of(StrategyName.HRS,
                settings(0.5, 30, FailureMode.FAIL_OPEN))));
        SimulationCandidate failClosed = candidate(unanimous(Map.of(StrategyName.HRS,
                settings(0.5, 30, FailureMode.FAIL_CLOSED))));

        assertThat(simulated(failOpen, failedTask).decision()).isEqualTo(Decision.PASS);
        assertThat(simulated(failOpen, timedOutTask).decision()).isEqualTo(Decision.PASS);
        assertThat(simulated(failClosed, failedTask).decision()).isEqualTo(Decision.ESCALATED);
        assertThat(simulated(failClosed, timedOutTask).decision()).isEqualTo(Decision.ESCALATED);
        assertThat(simulated(failOpen, failedTask).strategyFailed()).isTrue();
    }

    @Test
    void aStrategySlowerThanTheCandidatesTimeoutCountsAsTimedOutAndCostsNothing() {
        RecordedTask task = task("t1").verdicts(scored(StrategyName.HRS, 0.9, 15_000, 0.001))
                .decisionMicros(16_000).build();
        SimulationCandidate patient = candidate(unanimous(Map.of(StrategyName.HRS,
                settings(0.5, 20, FailureMode.FAIL_CLOSED))));
        SimulationCandidate hasty = candidate(unanimous(Map.of(StrategyName.HRS,
                settings(0.5, 10, FailureMode.FAIL_CLOSED))));

        TaskOutcome inTime = simulated(patient, task);
        TaskOutcome cutOff = simulated(hasty, task);

        assertThat(inTime.decision()).isEqualTo(Decision.PASS);
        assertThat(inTime.verificationCostUsd()).isEqualTo(0.001);
        assertThat(cutOff.decision()).isEqualTo(Decision.ESCALATED);
        assertThat(cutOff.strategyFailed()).isTrue();
        assertThat(cutOff.verificationCostUsd()).isZero();
        // 16,000 - 15,000 recorded + 10,000 (cut off at the candidate's timeout)
        assertThat(cutOff.latencyMicros()).isEqualTo(11_000);
    }

    @Test
    void controlGroupTasksAreDecidedByTheCandidatesBaselineAndTreatmentTasksByItsTreatment() {
        SimulationCandidate candidate = candidate(unanimous(Map.of(StrategyName.HRS, settings(0.9))),
                unanimous(Map.of(StrategyName.HRS, settings(0.3))));
        RecordedTask treatment = task("t1").verdicts(scored(StrategyName.HRS, 0.6, 100, 0)).build();
        RecordedTask control = task("t2").control().verdicts(scored(StrategyName.HRS, 0.6, 100, 0)).build();

        assertThat(simulated(candidate, treatment).decision()).isEqualTo(Decision.ESCALATED);
        assertThat(simulated(candidate, control).decision()).isEqualTo(Decision.PASS);
    }

    @Test
    void aStrategyOnlyTheOtherGroupsRulesUseRunsAndCostsButHasNoSay() {
        SimulationCandidate candidate = candidate(unanimous(Map.of(StrategyName.HRS, settings(0.5))),
                unanimous(Map.of(StrategyName.RAG_GROUNDING, settings(0.5))));
        RecordedTask task = task("t1").verdicts(scored(StrategyName.HRS, 0.9, 100, 0.001),
                scored(StrategyName.RAG_GROUNDING, 0.1, 4_000, 0.002)).decisionMicros(4_500).build();

        TaskOutcome outcome = simulated(candidate, task);

        assertThat(outcome.decision()).isEqualTo(Decision.PASS);
        assertThat(outcome.verificationCostUsd()).isCloseTo(0.003, within(1e-12));
        assertThat(outcome.latencyMicros()).isEqualTo(4_500);
    }

    @Test
    void anHrsVersionsShadowRiskStandsInForTheRecordedHrsScore() {
        RecordedTask task = task("t1").verdicts(scored(StrategyName.HRS, 0.9, 100, 0.001))
                .shadows(Map.of("hrs-7", 0.8)).build();
        SimulationCandidate recordedHrs = candidate(HRS_AT_HALF);
        SimulationCandidate shadowHrs = new SimulationCandidate(recordedHrs.policy(), "hrs-7");

        assertThat(simulated(recordedHrs, task).decision()).isEqualTo(Decision.PASS);
        assertThat(simulated(shadowHrs, task).decision()).isEqualTo(Decision.ESCALATED);
        assertThat(simulated(shadowHrs, task).verificationCostUsd()).isEqualTo(0.001);
    }

    @Test
    void aTaskWithoutTheRecordedScoreOfACandidateStrategyIsNotSimulated() {
        RecordedTask task = task("t1").verdicts(scored(StrategyName.HRS, 0.9, 100, 0.001)).build();
        SimulationCandidate needsMicroVote = candidate(unanimous(Map.of(StrategyName.HRS, settings(0.5),
                StrategyName.MICRO_VOTE, settings(0.5))));

        TaskReplay replay = new TaskSimulator(needsMicroVote, REVIEW_AT_2_USD).replay(task);

        assertThat(replay).isInstanceOf(TaskReplay.MissingScores.class);
        assertThat(((TaskReplay.MissingScores) replay).missing()).containsExactly(StrategyName.MICRO_VOTE);
    }

    @Test
    void aTaskWithoutTheShadowRiskOfTheChosenHrsVersionIsNotSimulated() {
        RecordedTask task = task("t1").verdicts(scored(StrategyName.HRS, 0.9, 100, 0.001))
                .shadows(Map.of("hrs-6", 0.1)).build();
        SimulationCandidate candidate = new SimulationCandidate(candidate(HRS_AT_HALF).policy(), "hrs-7");

        TaskReplay replay = new TaskSimulator(candidate, REVIEW_AT_2_USD).replay(task);

        assertThat(((TaskReplay.MissingScores) replay).missing()).containsExactly(StrategyName.HRS);
    }

    @Test
    void aTaskEscalatedByTheBudgetHardCapIsLeftOut() {
        RecordedTask task = task("t1").hardCapped().build();

        assertThat(new TaskSimulator(candidate(HRS_AT_HALF), REVIEW_AT_2_USD).replay(task))
                .isInstanceOf(TaskReplay.HardCapped.class);
    }

    @Test
    void latencyReplacesTheSlowestRecordedStrategyWithTheSlowestStrategyTheCandidateRuns() {
        RecordedTask task = task("t1").verdicts(scored(StrategyName.HRS, 0.9, 1_000, 0),
                scored(StrategyName.RAG_GROUNDING, 0.9, 6_000, 0), scored(StrategyName.MICRO_VOTE, 0.9, 9_000, 0))
                .decisionMicros(10_000).build();

        TaskOutcome hrsAndRag = simulated(candidate(unanimous(hrsAndRag(0.5, 0.5))), task);
        TaskOutcome hrsOnly = simulated(candidate(HRS_AT_HALF), task);

        assertThat(hrsAndRag.latencyMicros()).isEqualTo(10_000 - 9_000 + 6_000);
        assertThat(hrsOnly.latencyMicros()).isEqualTo(10_000 - 9_000 + 1_000);
    }

    @Test
    void costIsTheLlmCallTheCandidatesStrategiesAndAReviewWhenEscalated() {
        RecordedTask unlabelled = task("t1").llmCost(0.01).verdicts(scored(StrategyName.HRS, 0.3, 100, 0.001),
                scored(StrategyName.RAG_GROUNDING, 0.9, 100, 0.002)).build();
        RecordedTask labelled = task("t2").decided(Decision.ESCALATED).llmCost(0.01)
                .verdicts(scored(StrategyName.HRS, 0.3, 100, 0.001),
                        scored(StrategyName.RAG_GROUNDING, 0.9, 100, 0.002))
                .labelled(Verdict.HALLUCINATION, 3.5).build();
        SimulationCandidate hrsOnly = candidate(HRS_AT_HALF);

        // escalated, never labelled: the mean recorded review cost (2.0)
        assertThat(simulated(hrsOnly, unlabelled).costUsd()).isCloseTo(0.01 + 0.001 + 2.0, within(1e-12));
        // escalated and labelled: its own recorded review cost
        assertThat(simulated(hrsOnly, labelled).costUsd()).isCloseTo(0.01 + 0.001 + 3.5, within(1e-12));
    }

    @Test
    void aPassedTaskKeepsItsSampledReviewAndAnEscalationTheCandidatePassesCostsNoReview() {
        SimulationCandidate lenient = candidate(unanimous(Map.of(StrategyName.HRS, settings(0.1))));
        RecordedTask sampled = task("t1").decided(Decision.PASS).verdicts(scored(StrategyName.HRS, 0.9, 100, 0.001))
                .labelled(Verdict.GROUNDED, 1.5).build();
        RecordedTask wasEscalated = task("t2").decided(Decision.ESCALATED)
                .verdicts(scored(StrategyName.HRS, 0.3, 100, 0.001)).labelled(Verdict.GROUNDED, 1.5).build();

        assertThat(simulated(lenient, sampled).reviewCostUsd()).isEqualTo(1.5);
        assertThat(simulated(lenient, wasEscalated).reviewCostUsd()).isZero();
        assertThat(actual(lenient, wasEscalated).reviewCostUsd()).isEqualTo(1.5);
    }

    @Test
    void theRecordedPolicyReplayedGivesBackTheRecordedOutcome() {
        RecordedTask open = task("t1").decided(Decision.ESCALATED).llmCost(0.01)
                .verdicts(scored(StrategyName.HRS, 0.3, 800, 0.001)).decisionMicros(1_500).build();
        SimulationCandidate recorded = candidate(HRS_AT_HALF);

        TaskReplay.Simulated replay = (TaskReplay.Simulated) new TaskSimulator(recorded, REVIEW_AT_2_USD).replay(open);

        assertThat(replay.flipped()).isFalse();
        assertThat(replay.simulated()).isEqualTo(replay.actual());
        assertThat(replay.actual().reviewCostUsd()).isEqualTo(2.0);
    }

    @Test
    void anInvalidCandidateIsRefusedNamingTheFieldFromTheRequestsRoot() {
        EnsembleRules noQuorum = new EnsembleRules(Map.of(StrategyName.HRS, settings(0.5)), 2, 1.0);

        assertThatThrownBy(() -> candidate(noQuorum, HRS_AT_HALF).validated())
                .isInstanceOf(InvalidValue.class)
                .extracting(error -> ((InvalidValue) error).field()).isEqualTo("policy.treatment.quorum");
        assertThatThrownBy(() -> new SimulationCandidate(null, null).validated())
                .extracting(error -> ((InvalidValue) error).field()).isEqualTo("policy");
        assertThatThrownBy(() -> new SimulationCandidate(candidate(HRS_AT_HALF).policy(), " ").validated())
                .extracting(error -> ((InvalidValue) error).field()).isEqualTo("hrsVersion");
        StrategySettings badWeight = new StrategySettings(-1, 0.5, 20, FailureMode.FAIL_OPEN);
        assertThatThrownBy(() -> new SimulationCandidate(new EnsemblePolicySpec(HRS_AT_HALF,
                new EnsembleRules(Map.of(StrategyName.HRS, badWeight), 1, 1), 0.1), null).validated())
                .extracting(error -> ((InvalidValue) error).field()).isEqualTo("policy.baseline.strategies.hrs.weight");
    }

    @Test
    void aRecordedTaskKeepsWhatTheReplayNeedsOfTheDecision() {
        TaskVerified verified = new TaskVerified(TenantId.of("acme"), "t1", "gpt-4o", 3, true, Decision.ESCALATED,
                0.4, List.of(scored(StrategyName.HRS, 0.6, 100, 0.001)), Map.of("hrs", "hrs-1"), Map.of("x", 1.0),
                0.02, 0.001, null, 2_000, SimulationFixtures.AT, HardCapBehaviour.ESCALATE_ALL, Map.of("hrs-2", 0.3));

        RecordedTask task = RecordedTask.of(verified, true, new RecordedLabel(Verdict.GROUNDED, 1.0));

        assertThat(task).isEqualTo(new RecordedTask("t1", SimulationFixtures.AT, 3, true, Decision.ESCALATED,
                verified.verdicts(), Map.of("hrs-2", 0.3), 0.02, 0.001, 2_000, true, true,
                new RecordedLabel(Verdict.GROUNDED, 1.0)));
    }

    private static TaskOutcome simulated(SimulationCandidate candidate, RecordedTask task) {
        return ((TaskReplay.Simulated) new TaskSimulator(candidate, REVIEW_AT_2_USD).replay(task)).simulated();
    }

    private static TaskOutcome actual(SimulationCandidate candidate, RecordedTask task) {
        return ((TaskReplay.Simulated) new TaskSimulator(candidate, REVIEW_AT_2_USD).replay(task)).actual();
    }
}
