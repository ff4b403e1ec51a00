package io.flk.domain.verification.strategy;

import io.flk.domain.verification.AnswerFeatures;
import io.flk.domain.verification.HrsModel;
import io.flk.domain.verification.HrsModelRegistry;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyOutcome;
import io.flk.domain.verification.VerificationInput;
import io.flk.domain.verification.VerificationStrategy;
import java.util.Map;

/**
 * hrs: the Hallucination Risk Score of the model the registry routes this tenant and task to. Score =
 * 1 - risk, so that a higher score means better grounded like every other strategy.
 */
public final class HrsStrategy implements VerificationStrategy {

    private final HrsModelRegistry registry;

    public HrsStrategy(HrsModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public StrategyName name() {
        return StrategyName.HRS;
    }

    @Override
    public StrategyOutcome evaluate(VerificationInput input) {
        HrsModel model = registry.modelFor(input.tenantId(), input.taskId(), input.pinnedHrsVersion());
        Map<String, Double> features = AnswerFeatures.extract(input);
        double risk = Math.min(1, Math.max(0, model.risk(features)));
        return new StrategyOutcome(1 - risk, TextCost.units(features), model.version());
    }
}
