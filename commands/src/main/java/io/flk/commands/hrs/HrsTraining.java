package io.flk.commands.hrs;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.flk.domain.hrs.HrsTrainingCommands.CompleteHrsTraining;
import io.flk.domain.hrs.HrsTrainingCommands.FailHrsTraining;
import io.flk.domain.hrs.HrsTrainingCommands.RecordHrsTrainingProgress;
import io.flk.domain.hrs.HrsTrainingCommands.StartHrsTraining;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingCompleted;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingFailed;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingProgressed;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingStarted;
import io.flk.domain.hrs.TrainingId;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One background HRS training job. Invariants: it reports progress only while it runs, and it ends once, either
 * completed with the version it registered or failed with the reason.
 */
@Aggregate
public class HrsTraining {

    @AggregateIdentifier
    private TrainingId trainingId;
    private TenantId tenantId;
    private boolean finished;

    protected HrsTraining() {
    }

    @CommandHandler
    public HrsTraining(StartHrsTraining command) {
        if (!command.windowFrom().isBefore(command.windowTo())) {
            throw new InvalidValue("windowTo", "the training window must end after it starts");
        }
        if (command.candidates().isEmpty()) {
            throw new InvalidValue("candidates", "a training needs at least one candidate");
        }
        apply(new HrsTrainingStarted(command.trainingId(), command.tenantId(), command.windowFrom(),
                command.windowTo(), command.seed(), command.candidates(), command.rows(), command.hallucinatedRows(),
                command.trigger(), command.actor(), command.at()));
    }

    @CommandHandler
    public void handle(RecordHrsTrainingProgress command) {
        requireRunning();
        apply(new HrsTrainingProgressed(trainingId, tenantId, command.stage(), command.step(), command.steps(),
                command.detail(), command.at()));
    }

    @CommandHandler
    public void handle(CompleteHrsTraining command) {
        requireRunning();
        apply(new HrsTrainingCompleted(trainingId, tenantId, command.modelVersion(), command.artifactSha256(),
                command.testRocAuc(), command.durationMillis(), command.at()));
    }

    @CommandHandler
    public void handle(FailHrsTraining command) {
        requireRunning();
        apply(new HrsTrainingFailed(trainingId, tenantId, command.reason(), command.at()));
    }

    private void requireRunning() {
        if (finished) {
            throw new BusinessRuleViolation("training-finished", "HRS training " + trainingId + " has finished");
        }
    }

    @EventSourcingHandler
    void on(HrsTrainingStarted event) {
        trainingId = event.trainingId();
        tenantId = event.tenantId();
    }

    @EventSourcingHandler
    void on(HrsTrainingCompleted event) {
        finished = true;
    }

    @EventSourcingHandler
    void on(HrsTrainingFailed event) {
        finished = true;
    }
}
