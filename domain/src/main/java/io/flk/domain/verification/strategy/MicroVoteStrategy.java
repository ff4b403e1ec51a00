package io.flk.domain.verification.strategy;

import io.flk.domain.verification.AnswerFeatures;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyOutcome;
import io.flk.domain.verification.VerificationInput;
import io.flk.domain.verification.VerificationStrategy;
import java.util.Map;

/**
 * micro-vote: a small trained verifier over {@link AnswerFeatures}. Score = the model's probability that the
 * answer is grounded; cost units = text tokens read / 1000, like rag-grounding, since extracting the features
 * is most of the work. The model comes from {@link MicroVoteModels} on every task, so that a newly trained
 * model takes over without rebuilding the strategy.
 */
public final class MicroVoteStrategy implements VerificationStrategy {

    private final MicroVoteModels models;

    public MicroVoteStrategy(MicroVoteModels models) {
        this.models = models;
    }

    /** Always the same model: evaluation and benchmarks. */
    public MicroVoteStrategy(MicroVoteModel model) {
        this(() -> model);
    }

    @Override
    public StrategyName name() {
        return StrategyName.MICRO_VOTE;
    }

    @Override
    public StrategyOutcome evaluate(VerificationInput input) {
        MicroVoteModel model = models.current();
        Map<String, Double> features = AnswerFeatures.extract(input);
        double score = Math.min(1, Math.max(0, model.probabilityGrounded(features)));
        return new StrategyOutcome(score, TextCost.units(features), model.version());
    }
}
