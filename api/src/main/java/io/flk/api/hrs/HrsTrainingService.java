package io.flk.api.hrs;

import io.flk.api.web.ApiProblem;
import io.flk.domain.hrs.HrsArtifacts.StoredArtifact;
import io.flk.domain.hrs.HrsArtifacts;
import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.hrs.HrsLineId;
import io.flk.domain.hrs.HrsModelCommands.RegisterModelVersion;
import io.flk.domain.hrs.HrsModelQueries.HrsTrainingView;
import io.flk.domain.hrs.HrsTrainingCommands.CompleteHrsTraining;
import io.flk.domain.hrs.HrsTrainingCommands.FailHrsTraining;
import io.flk.domain.hrs.HrsTrainingCommands.RecordHrsTrainingProgress;
import io.flk.domain.hrs.HrsTrainingCommands.StartHrsTraining;
import io.flk.domain.hrs.HrsTrainingSet;
import io.flk.domain.hrs.RegisteredModel;
import io.flk.domain.hrs.TrainingId;
import io.flk.domain.hrs.TrainingLease;
import io.flk.domain.hrs.TrainingRow;
import io.flk.domain.hrs.training.HrsTrainer;
import io.flk.domain.hrs.training.HrsTrainingOutcome;
import io.flk.domain.hrs.training.HrsTrainingSpec;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs HRS trainings as background jobs. The request is checked whole before anything is recorded (window,
 * candidates, the labelled rows themselves), then {@code HrsTrainingStarted} is recorded and the job runs on its
 * own thread, recording its progress. The signed artifact, its registration and the training's completion commit
 * in one transaction, so a version is never registered without its bytes. One training per tenant at a time
 * across every instance: a lease in PostgreSQL.
 */
public class HrsTrainingService {

    private static final Logger log = LoggerFactory.getLogger(HrsTrainingService.class);

    /** @param features explicit feature schema, or {@code null} for every feature the rows carry */
    public record TrainingOrder(TenantId tenantId, Instant windowFrom, Instant windowTo, long seed,
                                List<HrsCandidate> candidates, List<String> features, String trigger, String actor) {

        public TrainingOrder {
            candidates = List.copyOf(candidates);
            features = features == null ? null : List.copyOf(features);
        }
    }

    private final HrsTrainingSet trainingSet;
    private final HrsArtifacts artifacts;
    private final HrsSigning signing;
    private final TrainingLease lease;
    private final Duration leaseTtl;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final ExecutorService jobs;
    private final HrsMetrics metrics;
    private final Clock clock;
    private final String instance;

    public HrsTrainingService(HrsTrainingSet trainingSet, HrsArtifacts artifacts, HrsSigning signing,
                              TrainingLease lease, Duration leaseTtl, CommandGateway commands,
                              TransactionTemplate transactions, ExecutorService jobs, HrsMetrics metrics, Clock clock,
                              String instance) {
        this.trainingSet = trainingSet;
        this.artifacts = artifacts;
        this.signing = signing;
        this.lease = lease;
        this.leaseTtl = leaseTtl;
        this.commands = commands;
        this.transactions = transactions;
        this.jobs = jobs;
        this.metrics = metrics;
        this.clock = clock;
        this.instance = instance;
    }

    /**
     * @throws InvalidValue for a window or candidate list that cannot train (nothing is recorded)
     * @throws ApiProblem   409 while another training of the tenant runs, 503 when the job queue is full
     */
    public TrainingId start(TrainingOrder order) {
        Instant now = clock.instant();
        if (!order.windowFrom().isBefore(order.windowTo())) {
            throw new InvalidValue("windowFrom", "windowFrom must be before windowTo");
        }
        if (order.windowFrom().isAfter(now)) {
            throw new InvalidValue("windowFrom", "the window starts in the future: no task was verified in it yet");
        }
        List<TrainingRow> rows = trainingSet.rows(order.tenantId(), order.windowFrom(), order.windowTo());
        HrsTrainingSpec spec = new HrsTrainingSpec(rows, order.features(), order.seed(), order.candidates());
        HrsTrainer.check(spec);

        TrainingId trainingId = TrainingId.random();
        String holder = instance + "/" + trainingId.value();
        if (!lease.tryAcquire(order.tenantId(), holder, leaseTtl, now)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "training-in-progress",
                    "Another HRS training of tenant " + order.tenantId().value() + " is running; try when it ends",
                    null);
        }
        try {
            int hallucinated = (int) rows.stream().filter(TrainingRow::hallucinated).count();
            commands.sendAndWait(new StartHrsTraining(trainingId, order.tenantId(), order.windowFrom(),
                    order.windowTo(), order.seed(), order.candidates(), rows.size(), hallucinated, order.trigger(),
                    order.actor(), now));
            jobs.execute(() -> run(trainingId, order, spec, holder));
            return trainingId;
        } catch (RejectedExecutionException full) {
            fail(trainingId, order.tenantId(), "the training queue was full; nothing was trained", now);
            lease.release(order.tenantId(), holder);
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "training-queue-full",
                    "Too many HRS trainings are queued; try again later", null);
        } catch (RuntimeException failed) {
            lease.release(order.tenantId(), holder);
            throw failed;
        }
    }

    /**
     * Ends the trainings that no instance runs any more: recorded as running, but their tenant's lease is free or
     * held for another training, because the instance that ran them stopped. Their windows can simply be trained
     * again. A training that finished meanwhile refuses the failure, which is then ignored.
     *
     * @return how many trainings were ended
     */
    public int failOrphaned(List<HrsTrainingView> running) {
        Instant now = clock.instant();
        int ended = 0;
        for (HrsTrainingView training : running) {
            TenantId tenantId = TenantId.of(training.tenantId());
            boolean held = lease.holder(tenantId, now)
                    .filter(holder -> holder.endsWith("/" + training.trainingId())).isPresent();
            if (!held && fail(TrainingId.of(training.trainingId()), tenantId,
                    "interrupted: the instance running it stopped; start the training again", now)) {
                ended++;
            }
        }
        return ended;
    }

    private void run(TrainingId trainingId, TrainingOrder order, HrsTrainingSpec spec, String holder) {
        long started = System.nanoTime();
        try {
            HrsTrainingOutcome outcome = HrsTrainer.train(spec, (stage, step, steps, detail) ->
                    commands.sendAndWait(new RecordHrsTrainingProgress(trainingId, stage, step, steps, detail,
                            clock.instant())));
            register(trainingId, order, outcome, Duration.ofNanos(System.nanoTime() - started));
            metrics.trainingFinished(order.tenantId(), "completed", Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException | LinkageError failed) {
            log.error("HRS training {} of tenant {} failed", trainingId, order.tenantId().value(), failed);
            fail(trainingId, order.tenantId(), String.valueOf(failed.getMessage()), clock.instant());
            metrics.trainingFinished(order.tenantId(), "failed", Duration.ofNanos(System.nanoTime() - started));
        } finally {
            lease.release(order.tenantId(), holder);
        }
    }

    private void register(TrainingId trainingId, TrainingOrder order, HrsTrainingOutcome outcome, Duration took) {
        String version = outcome.artifact().modelVersion();
        String sha256 = outcome.artifact().sha256();
        String signature = signing.sign(order.tenantId(), version, sha256);
        RegisteredModel model = new RegisteredModel(version, trainingId, outcome.algorithm(), outcome.calibration(),
                sha256, signature, signing.keyId(), outcome.featureSchema(), order.windowFrom(), order.windowTo(),
                order.seed(), outcome.trainingRows(), outcome.validationRows(), outcome.testRows(),
                outcome.dataDigest(), outcome.candidates(), outcome.metrics());
        Instant at = clock.instant();
        transactions.executeWithoutResult(status -> {
            if (artifacts.find(order.tenantId(), version).isEmpty()) {
                artifacts.save(order.tenantId(), new StoredArtifact(version, outcome.artifact().bytes(), sha256,
                        signature, signing.keyId()));
            }
            commands.sendAndWait(new RegisterModelVersion(HrsLineId.of(order.tenantId()), model, order.actor(), at));
            commands.sendAndWait(new CompleteHrsTraining(trainingId, version, sha256, outcome.metrics().rocAuc(),
                    took.toMillis(), at));
        });
    }

    /** @return whether the failure was recorded; a training that already ended refuses it */
    private boolean fail(TrainingId trainingId, TenantId tenantId, String reason, Instant at) {
        try {
            commands.sendAndWait(new FailHrsTraining(trainingId, reason, at));
            return true;
        } catch (BusinessRuleViolation finished) {
            return false;
        } catch (RuntimeException notRecorded) {
            log.error("Could not record the failure of HRS training {} of tenant {}", trainingId, tenantId.value(),
                    notRecorded);
            return false;
        }
    }
}
