package io.flk.domain.verification.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.AnswerFeatures;
import io.flk.domain.verification.HrsModel;
import io.flk.domain.verification.SourcePassage;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyOutcome;
import io.flk.domain.verification.VerificationInput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelStrategiesTest {

    private static final VerificationInput INPUT = new VerificationInput(TenantId.of("acme"), "t-1",
            "Where is the head office?", "It is in Delhi.",
            List.of(new SourcePassage("s1", "The Oberoi Group has its head office in Delhi.")), List.of(),
            Map.of("latency_ms", 80.0));

    @Test
    void hrsScoresOneMinusTheRiskOfTheModelTheRegistryRoutesTo() {
        HrsModel model = fixedModel("hrs-abc", 0.25);

        StrategyOutcome outcome = new HrsStrategy(new SingleModelRegistry(model)).evaluate(INPUT);

        assertThat(outcome.score()).isEqualTo(0.75);
        assertThat(outcome.modelVersion()).isEqualTo("hrs-abc");
        assertThat(new HrsStrategy(new SingleModelRegistry(model)).name()).isEqualTo(StrategyName.HRS);
    }

    @Test
    void modelsSeeTheTextFeaturesAndTheCallersOwnUnderTheClientPrefix() {
        Map<String, Double>[] seen = new Map[1];
        MicroVoteModel model = new MicroVoteModel() {
            @Override
            public String version() {
                return "mv-abc";
            }

            @Override
            public double probabilityGrounded(Map<String, Double> features) {
                seen[0] = features;
                return 0.9;
            }
        };

        StrategyOutcome outcome = new MicroVoteStrategy(model).evaluate(INPUT);

        assertThat(outcome.score()).isEqualTo(0.9);
        assertThat(outcome.modelVersion()).isEqualTo("mv-abc");
        assertThat(seen[0]).containsKeys(AnswerFeatures.TEXT_FEATURES.toArray(String[]::new))
                .containsEntry("client.latency_ms", 80.0);
    }

    @Test
    void microVoteScoresWithWhicheverModelIsLiveWhenATaskArrives() {
        LiveMicroVoteModels live = new LiveMicroVoteModels(fixedMicroVote("mv-bundled", 0.2));
        MicroVoteStrategy strategy = new MicroVoteStrategy(live);
        StrategyOutcome before = strategy.evaluate(INPUT);

        live.activate(fixedMicroVote("mv-trained", 0.8));
        StrategyOutcome after = strategy.evaluate(INPUT);

        assertThat(before.modelVersion()).isEqualTo("mv-bundled");
        assertThat(before.score()).isEqualTo(0.2);
        assertThat(after.modelVersion()).isEqualTo("mv-trained");
        assertThat(after.score()).isEqualTo(0.8);
    }

    @Test
    void costUnitsOfModelStrategiesAreTheTokensReadPerThousand() {
        StrategyOutcome outcome = new HrsStrategy(new SingleModelRegistry(fixedModel("v", 0.5))).evaluate(INPUT);

        int tokens = 4 + 5 + 9;
        assertThat(outcome.costUnits()).isEqualTo(tokens / 1000.0);
    }

    @Test
    void aModelThatOverstepsItsRangeIsClampedToAValidScore() {
        assertThat(new HrsStrategy(new SingleModelRegistry(fixedModel("v", 1.0000001))).evaluate(INPUT).score())
                .isZero();
    }

    private static HrsModel fixedModel(String version, double risk) {
        return new HrsModel() {
            @Override
            public String version() {
                return version;
            }

            @Override
            public double risk(Map<String, Double> features) {
                return risk;
            }
        };
    }

    private static MicroVoteModel fixedMicroVote(String version, double grounded) {
        return new MicroVoteModel() {
            @Override
            public String version() {
                return version;
            }

            @Override
            public double probabilityGrounded(Map<String, Double> features) {
                return grounded;
            }
        };
    }
}
