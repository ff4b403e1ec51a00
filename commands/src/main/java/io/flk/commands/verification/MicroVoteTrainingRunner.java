package io.flk.commands.verification;

import io.flk.domain.verification.MicroVoteModelCommands.TrainMicroVoteModel;
import io.flk.domain.verification.MicroVoteModelEvent.MicroVoteModelTrained;
import io.flk.domain.verification.strategy.LiveMicroVoteModels;
import io.flk.domain.verification.training.MicroVoteArtifact;
import io.flk.domain.verification.training.MicroVoteArtifacts;
import io.flk.domain.verification.training.MicroVoteTraining;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Trains micro-vote on command: a command-side service rather than an aggregate, because a training decides
 * nothing against earlier ones (every training is recorded, even of a version seen before) and its result,
 * the artifact, is kept outside the event.
 *
 * <p>Training is pure and runs before anything is written, so the transaction stays short. The artifact and
 * the event then commit together; only after the commit does the model serve, so a failed commit leaves the
 * previous model live and nothing recorded.
 */
public class MicroVoteTrainingRunner {

    private final MicroVoteArtifacts artifacts;
    private final LiveMicroVoteModels live;
    private final EventBus events;

    public MicroVoteTrainingRunner(MicroVoteArtifacts artifacts, LiveMicroVoteModels live, EventBus events) {
        this.artifacts = artifacts;
        this.live = live;
        this.events = events;
    }

    @CommandHandler
    public MicroVoteModelTrained handle(TrainMicroVoteModel command, UnitOfWork<?> unitOfWork) {
        MicroVoteTraining.Report report = MicroVoteTraining.train(command.pairs(), command.seed());
        MicroVoteArtifact artifact = MicroVoteArtifact.of(report.model());
        artifacts.save(artifact, command.at());
        MicroVoteModelTrained trained = new MicroVoteModelTrained(artifact.version(), report.rows(),
                report.hallucinatedRows(), report.holdoutRows(), report.holdoutAuc(), report.holdoutAccuracy(),
                command.seed(), artifact.sha256(), command.actor(), command.at());
        events.publish(GenericEventMessage.asEventMessage(trained));
        unitOfWork.afterCommit(committed -> live.activate(report.model()));
        return trained;
    }
}
