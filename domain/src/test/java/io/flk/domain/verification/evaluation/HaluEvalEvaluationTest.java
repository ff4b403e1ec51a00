package io.flk.domain.verification.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.SourcePassage;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.VerificationInput;
import io.flk.domain.verification.VerificationStrategy;
import io.flk.domain.verification.Vote;
import io.flk.domain.verification.strategy.HrsStrategy;
import io.flk.domain.verification.strategy.MicroVoteStrategy;
import io.flk.domain.verification.strategy.SingleModelRegistry;
import io.flk.domain.verification.training.BundledModels;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluation on the bundled HaluEval QA pairs, with floors a little below what was measured (seed 42,
 * measured figures in the comments). HaluEval's right answers are short spans and its hallucinated answers
 * whole sentences, so answer length alone reaches a high AUC; the floors guard against regressions, they do
 * not prove the strategies work on production traffic.
 */
class HaluEvalEvaluationTest {

    private static BundledModels models;
    private static HaluEvalEvaluation.Result result;

    @BeforeAll
    static void evaluate() {
        models = BundledModels.train();
        result = HaluEvalEvaluation.run(models);
    }

    @Test
    void theDefaultModelsTrainWithinTheStartUpBudget() {
        // Measured 0.9-1.1 s in this test on 2 cores, parsing included, and 5.3 s in a cold JVM at load
        // average 9; the bound catches a model that grew by an order of magnitude, not machine noise.
        assertThat(models.trainingTime().toMillis()).isLessThan(15_000);
    }

    @Test
    void theEvaluationUsesOnlyTheEvaluationSplit() {
        assertThat(result.evaluationItems()).isEqualTo(83);
        assertThat(result.evaluationTasks()).isEqualTo(166);
        assertThat(result.calibrationTasks()).isEqualTo(198);
    }

    @Test
    void eachStrategyRanksHallucinationsAboveGroundedAnswers() {
        Map<StrategyName, HaluEvalEvaluation.StrategyResult> byName = result.strategies().stream()
                .collect(Collectors.toMap(HaluEvalEvaluation.StrategyResult::strategy, Function.identity()));

        // Measured (models on support shares only, no sizes): rag-grounding 0.975, micro-vote 0.986, hrs 0.967;
        // answer length alone 0.94.
        assertThat(byName.get(StrategyName.RAG_GROUNDING).rocAuc()).isGreaterThanOrEqualTo(0.93);
        assertThat(byName.get(StrategyName.MICRO_VOTE).rocAuc()).isGreaterThanOrEqualTo(0.95);
        assertThat(byName.get(StrategyName.HRS).rocAuc()).isGreaterThanOrEqualTo(0.93);
        // Measured recall: 0.928, 0.964, 0.831; precision: 0.975, 0.964, 0.958.
        assertThat(result.strategies()).allSatisfy(strategy -> {
            assertThat(strategy.recall()).isGreaterThanOrEqualTo(0.78);
            assertThat(strategy.precision()).isGreaterThanOrEqualTo(0.9);
        });
    }

    @Test
    void theEnsembleLetsFewerHallucinationsEscapeThanTheBaseline() {
        // Measured: ensemble AUC 0.992, recall 0.976 (2 of 83 escaped) against the baseline's 0.843 (13 escaped),
        // precision 0.964 / 0.946, agreement 0.867. Incremental cost +13.4 %: the product target of +7 % is NOT met
        // (tuned within 7 % on the calibration split); the bound below guards this figure, not the target.
        assertThat(result.treatment().rocAuc()).isGreaterThanOrEqualTo(0.96);
        assertThat(result.treatment().outcome().escaped()).isLessThanOrEqualTo(result.baseline().outcome().escaped());
        assertThat(result.treatment().outcome().recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(result.treatment().outcome().precision()).isGreaterThanOrEqualTo(0.9);
        assertThat(result.incrementalCost()).isLessThanOrEqualTo(0.16);
        assertThat(result.agreement()).isGreaterThanOrEqualTo(0.84);
    }

    /** HaluEval's right answers are short spans: models that saw answer sizes voted down correct sentences. */
    @Test
    void aCorrectFullSentenceIsNotTakenForAHallucinationWhileAWrongOneIs() {
        String source = "The Eiffel Tower was completed in 1889 for the World Fair in Paris.";
        VerificationStrategy microVote = new MicroVoteStrategy(models.microVote());
        VerificationStrategy hrs = new HrsStrategy(new SingleModelRegistry(models.hrs()));
        EnsembleRules treatment = DefaultPolicies.treatment();

        for (VerificationStrategy strategy : List.of(microVote, hrs)) {
            double threshold = treatment.strategies().get(strategy.name()).groundedThreshold();
            assertThat(strategy.evaluate(answer("The Eiffel Tower was completed in 1889.", source)).voteAt(threshold))
                    .as(strategy.name() + " on a correct sentence").isEqualTo(Vote.GROUNDED);
            assertThat(strategy.evaluate(answer("1889", source)).voteAt(threshold))
                    .as(strategy.name() + " on a correct span").isEqualTo(Vote.GROUNDED);
            assertThat(strategy.evaluate(answer("The Eiffel Tower was completed in 1925 by Napoleon.", source))
                    .voteAt(threshold)).as(strategy.name() + " on a wrong sentence").isEqualTo(Vote.HALLUCINATED);
        }
    }

    private static VerificationInput answer(String answer, String source) {
        return new VerificationInput(TenantId.of("acme"), "t-1", "When was the Eiffel Tower completed?", answer,
                List.of(new SourcePassage("s1", source)), List.of(), Map.of());
    }

    @Test
    void theDefaultTreatmentPolicyIsTheOneTunedOnTheCalibrationSplit() {
        assertThat(result.tunedTreatment()).isEqualTo(DefaultPolicies.treatment());
        assertThat(result.tunedEqualsDefault()).isTrue();
        assertThat(DefaultPolicies.spec().strategiesToRun()).containsExactlyInAnyOrder(StrategyName.values());
    }
}
