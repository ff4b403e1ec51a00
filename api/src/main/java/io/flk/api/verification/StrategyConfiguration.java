package io.flk.api.verification;

import io.flk.api.hrs.HrsRouter;
import io.flk.domain.verification.VerificationStrategy;
import io.flk.domain.verification.strategy.HrsStrategy;
import io.flk.domain.verification.strategy.MicroVoteModels;
import io.flk.domain.verification.strategy.MicroVoteStrategy;
import io.flk.domain.verification.strategy.RagGroundingSettings;
import io.flk.domain.verification.strategy.RagGroundingStrategy;
import io.flk.domain.verification.training.BundledModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The three strategies. The micro-vote and HRS models are trained at start-up from the bundled HaluEval
 * pairs, offline and deterministically (same seed, same model versions); an operator's trained micro-vote
 * model replaces the bundled one, and each tenant's HRS routing decides which HRS version scores a task.
 */
@Configuration(proxyBeanMethods = false)
public class StrategyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StrategyConfiguration.class);

    @Bean
    BundledModels bundledModels() {
        BundledModels models = BundledModels.train();
        log.info("Trained the bundled models in {} ms: micro-vote {}, hrs {}", models.trainingTime().toMillis(),
                models.microVote().version(), models.hrs().version());
        return models;
    }

    @Bean
    VerificationStrategy ragGroundingStrategy(@Value("${flk.verification.rag.shingle-size:#{null}}") Integer shingleSize,
                                              @Value("${flk.verification.rag.min-jaccard:#{null}}") Double minJaccard,
                                              @Value("${flk.verification.rag.min-containment:#{null}}") Double minContainment) {
        RagGroundingSettings defaults = RagGroundingSettings.defaults();
        return new RagGroundingStrategy(new RagGroundingSettings(
                shingleSize != null ? shingleSize : defaults.shingleSize(),
                minJaccard != null ? minJaccard : defaults.minJaccard(),
                minContainment != null ? minContainment : defaults.minContainment()));
    }

    /** Reads the live model on every task (see {@link MicroVoteModelConfiguration}). */
    @Bean
    VerificationStrategy microVoteStrategy(MicroVoteModels models) {
        return new MicroVoteStrategy(models);
    }

    /** Follows each tenant's HRS routing (see {@link io.flk.api.hrs.HrsConfiguration}). */
    @Bean
    VerificationStrategy hrsStrategy(HrsRouter router) {
        return new HrsStrategy(router);
    }
}
