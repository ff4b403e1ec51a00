package io.flk.domain.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

class EnsembleVotePropertiesTest {

    /** Per strategy: weight, grounded threshold, score. */
    record Case(Map<StrategyName, double[]> strategies, double quorumShare, double escalateAtRisk) {

        EnsembleRules rules(double factor) {
            Map<StrategyName, StrategySettings> settings = new EnumMap<>(StrategyName.class);
            strategies.forEach((name, values) -> settings.put(name,
                    new StrategySettings(values[0] * factor, values[1], 10, FailureMode.FAIL_CLOSED)));
            double total = strategies.values().stream().mapToDouble(values -> values[0]).sum();
            return new EnsembleRules(settings, quorumShare * total * factor, escalateAtRisk);
        }

        List<StrategyVerdict> verdicts() {
            List<StrategyVerdict> verdicts = new ArrayList<>();
            strategies.forEach((name, values) -> verdicts.add(StrategyVerdict.scored(name,
                    new StrategyOutcome(values[2], 0.1, null), values[1], 5, 0.001)));
            return verdicts;
        }
    }

    @Property(tries = 500)
    void scalingEveryWeightAndTheQuorumByOneFactorGivesTheSameDecision(@ForAll("cases") Case vote,
            @ForAll @DoubleRange(min = 0.01, max = 100) double factor) {
        EnsembleVote original = EnsembleVote.of(vote.rules(1), vote.verdicts());
        EnsembleVote scaled = EnsembleVote.of(vote.rules(factor), vote.verdicts());

        assertThat(scaled.decision()).isEqualTo(original.decision());
        assertThat(scaled.groundedBy()).isEqualTo(original.groundedBy());
        assertThat(scaled.disagreement()).isEqualTo(original.disagreement());
    }

    /** Found by the property above: the risk 1 - 0.79 is 0.20999999999999996 at one scale and 0.21 at the other. */
    @Example
    void aRiskAtTheEscalationBoundEscalatesWhateverTheScaleOfTheWeights() {
        Case vote = new Case(Map.of(StrategyName.HRS, new double[] {4.883, 0.44, 0.79}), 0.72, 0.21);

        assertThat(EnsembleVote.of(vote.rules(1), vote.verdicts()).decision()).isEqualTo(Decision.ESCALATED);
        assertThat(EnsembleVote.of(vote.rules(65.22), vote.verdicts()).decision()).isEqualTo(Decision.ESCALATED);
    }

    @Property(tries = 500)
    void aStrategyNeverVotesGroundedBelowItsThreshold(@ForAll("cases") Case vote) {
        EnsembleRules rules = vote.rules(1);
        EnsembleVote result = EnsembleVote.of(rules, vote.verdicts());

        vote.strategies().forEach((name, values) -> {
            if (values[2] < values[1]) {
                assertThat(result.groundedBy()).doesNotContain(name);
                assertThat(result.hallucinatedBy()).contains(name);
            }
        });
    }

    @Property(tries = 300)
    void aVerdictBelowItsThresholdIsHallucinatedAndAtOrAboveIsGrounded(
            @ForAll @DoubleRange(min = 0, max = 1) double score, @ForAll @DoubleRange(min = 0, max = 1) double threshold) {
        Vote vote = StrategyVerdict.scored(StrategyName.HRS, new StrategyOutcome(score, 0, "v"), threshold, 0, 0).vote();

        assertThat(vote).isEqualTo(score < threshold ? Vote.HALLUCINATED : Vote.GROUNDED);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<double[]> strategy = Combinators.combine(
                Arbitraries.doubles().between(0.1, 10).ofScale(3),
                Arbitraries.doubles().between(0, 1).ofScale(2),
                Arbitraries.doubles().between(0, 1).ofScale(2)).as((weight, threshold, score) ->
                new double[] {weight, threshold, score});
        Arbitrary<Map<StrategyName, double[]>> strategies = Arbitraries.maps(
                Arbitraries.of(StrategyName.class), strategy).ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(strategies, Arbitraries.doubles().between(0.05, 1).ofScale(2),
                Arbitraries.doubles().between(0.05, 1).ofScale(2)).as(Case::new);
    }
}
