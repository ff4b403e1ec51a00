package io.flk.projections.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.simulation.SimulationCandidate;
import io.flk.domain.simulation.SimulationResult;
import io.flk.domain.simulation.SimulationResult.SimulationOutcome;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.FailureMode;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.Vote;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The stored range goes through the candidate: labels joined to their decisions, review price from the labels. */
class WhatIfSimulationTest {

    private static final Instant FROM = Instant.parse("2026-01-06T00:00:00Z");

    private final WhatIfSimulation simulation = new WhatIfSimulation(
            new TaskEventReplay(TestDatabase.get().dataSource(), new TaskEventReplay.Settings(100, 1_000)));
    private final TenantId tenant = TenantId.of("sim-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void aStricterHrsThresholdEscalatesTheLabelledHallucinationItUsedToPass() {
        record(verified("passed-bad", 0.7, Decision.PASS, 10), Verdict.HALLUCINATION, 4.0);
        record(verified("passed-good", 0.95, Decision.PASS, 20), null, 0);
        record(verified("escalated", 0.2, Decision.ESCALATED, 30), Verdict.HALLUCINATION, 2.0);

        SimulationResult result = simulation.simulate(tenant, FROM, FROM.plus(Duration.ofHours(1)),
                candidate(0.8), 9.99, ReplayControl.NONE);

        assertThat(result.outcome()).isEqualTo(SimulationOutcome.SIMULATED);
        assertThat(result.actual().containmentRate()).isEqualTo(0.5);
        assertThat(result.simulated().containmentRate()).isEqualTo(1.0);
        assertThat(result.flips().passToEscalated()).isEqualTo(1);
        assertThat(result.counts().labelled()).isEqualTo(2);
        // reviews: 4 (passed-bad, its own label) + 2 (escalated); the mean of the labels, 3, is not needed
        assertThat(result.simulated().counts().reviewCostUsd()).isEqualByComparingTo("6.0");
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("3.000000 USD over 2 labels"));
    }

    @Test
    void withoutAnyLabelAnEscalationCostsTheConfiguredReviewPrice() {
        record(verified("open", 0.2, Decision.ESCALATED, 10), null, 0);

        SimulationResult result = simulation.simulate(tenant, FROM, FROM.plus(Duration.ofHours(1)),
                candidate(0.5), 9.99, ReplayControl.NONE);

        assertThat(result.actual().counts().reviewCostUsd()).isEqualByComparingTo("9.99");
    }

    private void record(TaskVerified verified, Verdict verdict, double reviewCost) {
        StoredTaskEvents.store(verified, 0, verified.verifiedAt());
        if (verdict != null) {
            StoredTaskEvents.store(new TaskLabelled(tenant, verified.taskId(), verdict, LabelSource.REVIEW, null,
                    "reviewer", reviewCost, verified.verifiedAt().plusSeconds(3600)), 1,
                    verified.verifiedAt().plusSeconds(3600));
        }
    }

    private TaskVerified verified(String taskId, double hrsScore, Decision decision, int secondsIn) {
        return new TaskVerified(tenant, taskId, "gpt-4o", 1, false, decision, 1 - hrsScore,
                List.of(new StrategyVerdict(StrategyName.HRS, hrsScore, hrsScore >= 0.5 ? Vote.GROUNDED
                        : Vote.HALLUCINATED, 200, 0.00002, false, false, "hrs-1")),
                Map.of(), Map.of(), 0.002, 0.00002, null, 900, FROM.plusSeconds(secondsIn), null, Map.of());
    }

    private static SimulationCandidate candidate(double hrsThreshold) {
        EnsembleRules rules = new EnsembleRules(Map.of(StrategyName.HRS,
                new StrategySettings(1, hrsThreshold, 20, FailureMode.FAIL_CLOSED)), 1, 1.0);
        return new SimulationCandidate(new EnsemblePolicySpec(rules, rules, 0.1), null);
    }
}
