package io.flk.domain.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.domain.escalation.Verdict;
import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.simulation.RecordedLabel;
import io.flk.domain.simulation.RecordedTask;
import io.flk.domain.simulation.ReviewPrice;
import io.flk.domain.simulation.SimulationCandidate;
import io.flk.domain.simulation.TaskSimulator;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.FailureMode;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.Vote;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RolloutDryRunTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final Instant FROM = Instant.parse("2026-11-20T00:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(6);
    private static final EnsemblePolicySpec LIVE = policyWithHrsThreshold(0.45, 1.0);

    @Test
    void aCandidateThatDecidesAsTheLivePolicyDoesIsRolledOutToAllTraffic() {
        RolloutDryRunReport report = dryRun(RolloutTarget.policy(LIVE), LIVE, 1);

        assertThat(report.status()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(report.share()).isEqualTo(1.0);
        assertThat(report.looks()).extracting(look -> look.judgement().action())
                .contains(RolloutAction.ADVANCE).doesNotContain(RolloutAction.ROLLBACK);
        assertThat(report.step()).isGreaterThan(2);
        assertThat(report.canaryTasks()).isPositive();
        assertThat(report.controlTasks()).isPositive();
    }

    @Test
    void aCandidateThatPassesEveryHallucinationIsRolledBackByTheContainmentGate() {
        EnsemblePolicySpec passesEverything = policyWithHrsThreshold(0.0, 1.0);

        RolloutDryRunReport report = dryRun(RolloutTarget.policy(passesEverything), passesEverything, 2);

        assertThat(report.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(report.share()).isZero();
        RolloutJudgement last = report.looks().get(report.looks().size() - 1).judgement();
        assertThat(last.action()).isEqualTo(RolloutAction.ROLLBACK);
        assertThat(last.decidingGate()).isEqualTo(GateKind.CONTAINMENT);
        GateResult containment = last.gates().stream().filter(gate -> gate.gate() == GateKind.CONTAINMENT)
                .findFirst().orElseThrow();
        assertThat(containment.verdict()).isEqualTo(GateVerdict.FAIL);
        assertThat(containment.canaryValue()).isZero();
        assertThat(containment.controlValue()).isGreaterThan(0.8);
    }

    @Test
    void aModelVersionIsJudgedOnTheRiskItGaveAsAShadowAndTasksWithoutThatRiskAreLeftOutUntilTheRolloutEnds() {
        RolloutTarget shadowVersion = RolloutTarget.model("hrs-shadow", EligibilityGates.defaults());
        RolloutDryRun dryRun = new RolloutDryRun(TENANT, shadowVersion, RolloutPlan.defaults(), FROM);
        TaskSimulator simulator = new TaskSimulator(new SimulationCandidate(LIVE, "hrs-shadow"),
                new ReviewPrice(1.0, 0));
        List<RecordedTask> tasks = traffic(3, true);

        tasks.forEach(task -> dryRun.accept(simulator.replay(task)));
        RolloutDryRunReport report = dryRun.finish(FROM.plus(WINDOW));

        assertThat(report.status()).isEqualTo(RolloutStatus.COMPLETED);
        Instant ended = report.looks().get(report.looks().size() - 1).at();
        long withoutShadowUntilTheEnd = tasks.stream()
                .filter(task -> task.verifiedAt().isBefore(ended) && task.hrsShadowRisks().isEmpty()).count();
        assertThat(withoutShadowUntilTheEnd).isPositive();
        assertThat(report.notSimulatable()).isEqualTo(withoutShadowUntilTheEnd);
    }

    @Test
    void aWindowThatEndsBeforeTheRolloutDoesReportsItStillRunningWithEveryLookTaken() {
        RolloutDryRun dryRun = new RolloutDryRun(TENANT, RolloutTarget.policy(LIVE), RolloutPlan.defaults(), FROM);

        RolloutDryRunReport report = dryRun.finish(FROM.plus(Duration.ofMinutes(5)));

        assertThat(report.status()).isEqualTo(RolloutStatus.RUNNING);
        assertThat(report.looks()).hasSize(10).allSatisfy(look -> {
            assertThat(look.judgement().action()).isEqualTo(RolloutAction.HOLD);
            assertThat(look.step()).isEqualTo(1);
        });
        assertThat(report.share()).isEqualTo(RolloutPlan.defaults().initialShare());
    }

    private static RolloutDryRunReport dryRun(RolloutTarget target, EnsemblePolicySpec candidate, long seed) {
        RolloutDryRun dryRun = new RolloutDryRun(TENANT, target, RolloutPlan.defaults(), FROM);
        TaskSimulator simulator = new TaskSimulator(new SimulationCandidate(candidate, null), new ReviewPrice(1.0, 0));
        traffic(seed, false).forEach(task -> dryRun.accept(simulator.replay(task)));
        return dryRun.finish(FROM.plus(WINDOW));
    }

    /**
     * Ten tasks a second decided by {@link #LIVE}: a fifth hallucinated, HRS scores that separate the two, every
     * hallucination and a tenth of the rest labelled. With {@code someWithoutShadow}, a shadow version's risk is
     * recorded on nine tasks in ten.
     */
    private static List<RecordedTask> traffic(long seed, boolean someWithoutShadow) {
        Random random = new Random(seed);
        long tasks = WINDOW.toSeconds() * 10;
        return java.util.stream.LongStream.range(0, tasks).mapToObj(i -> {
            boolean hallucinated = random.nextDouble() < 0.2;
            double score = hallucinated ? random.nextDouble() * 0.5 : 0.4 + random.nextDouble() * 0.6;
            Decision decision = score >= 0.45 ? Decision.PASS : Decision.ESCALATED;
            StrategyVerdict hrs = new StrategyVerdict(StrategyName.HRS, score,
                    score >= 0.45 ? Vote.GROUNDED : Vote.HALLUCINATED, 2_000 + random.nextInt(1_000), 0.0001,
                    false, false, "hrs-live");
            Map<String, Double> shadow = someWithoutShadow && random.nextDouble() < 0.1 ? Map.of()
                    : Map.of("hrs-shadow", 1 - score);
            RecordedLabel label = hallucinated || random.nextDouble() < 0.1
                    ? new RecordedLabel(hallucinated ? Verdict.HALLUCINATION : Verdict.GROUNDED, 1.0) : null;
            return new RecordedTask("t" + i, FROM.plusMillis(i * 100), 1, random.nextDouble() < 0.1, decision,
                    List.of(hrs), shadow, 0.002, 0.0001, 4_000 + random.nextInt(2_000), false, false, label);
        }).toList();
    }

    private static EnsemblePolicySpec policyWithHrsThreshold(double threshold, double escalateAtRisk) {
        EnsembleRules rules = new EnsembleRules(Map.of(StrategyName.HRS,
                new StrategySettings(1, threshold, 20, FailureMode.FAIL_CLOSED)), 1, escalateAtRisk);
        return new EnsemblePolicySpec(rules, rules, 0.1);
    }
}
