package io.flk.api.verification;

import io.flk.commands.verification.MicroVoteTrainingRunner;
import io.flk.domain.verification.strategy.LiveMicroVoteModels;
import io.flk.domain.verification.strategy.MicroVoteModel;
import io.flk.domain.verification.training.BundledModels;
import io.flk.domain.verification.training.MicroVoteArtifact;
import io.flk.domain.verification.training.MicroVoteArtifacts;
import java.util.Optional;
import org.axonframework.eventhandling.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live micro-vote model: at start-up the most recently trained artifact, if it passes its checks,
 * otherwise the bundled model; afterwards whatever the training runner activates.
 */
@Configuration(proxyBeanMethods = false)
public class MicroVoteModelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MicroVoteModelConfiguration.class);

    @Bean
    LiveMicroVoteModels liveMicroVoteModels(BundledModels bundled, MicroVoteArtifacts artifacts) {
        return new LiveMicroVoteModels(startupModel(bundled.microVote(), artifacts));
    }

    @Bean
    MicroVoteTrainingRunner microVoteTrainingRunner(MicroVoteArtifacts artifacts, LiveMicroVoteModels live,
                                                    EventBus eventBus) {
        return new MicroVoteTrainingRunner(artifacts, live, eventBus);
    }

    /**
     * A refused artifact does not stop the start: verifications keep a micro-vote opinion from the bundled
     * model, and the error says which artifact was refused and why, for an operator to retrain.
     */
    static MicroVoteModel startupModel(MicroVoteModel bundled, MicroVoteArtifacts artifacts) {
        Optional<MicroVoteArtifact> latest = artifacts.latest();
        if (latest.isEmpty()) {
            log.info("No trained micro-vote model is stored; serving the bundled model {}", bundled.version());
            return bundled;
        }
        try {
            MicroVoteModel trained = latest.get().load();
            log.info("Serving the trained micro-vote model {} (artifact SHA-256 {})", trained.version(),
                    latest.get().sha256());
            return trained;
        } catch (MicroVoteArtifact.Unusable refused) {
            log.error("{}. Serving the bundled micro-vote model {} instead; train a model again to replace it.",
                    refused.getMessage(), bundled.version());
            return bundled;
        }
    }
}
