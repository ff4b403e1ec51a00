package io.flk.api.demo;

import io.flk.api.hrs.HrsTrainingService.TrainingOrder;
import io.flk.api.hrs.HrsTrainingService;
import io.flk.api.verification.RecordedDecision;
import io.flk.api.verification.VerificationService;
import io.flk.api.web.ApiProblem;
import io.flk.domain.escalation.EscalationCommands.ResolveEscalation;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.hrs.TrainingId;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantCommands.RegisterTenant;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.tenant.TenantSettings;
import io.flk.domain.verification.CostModel;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.EnsemblePolicyCommands.DefineEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.PolicyId;
import io.flk.domain.verification.TaskCommands.ReviewTask;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.VerificationInput;
import io.flk.domain.verification.evaluation.DefaultPolicies;
import io.flk.domain.verification.training.DatasetSplit;
import io.flk.domain.verification.training.HaluEvalQa;
import io.flk.domain.verification.training.LabelledAnswer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Demo mode: seeds tenants with policies and drives verifications of HaluEval answers the models never
 * trained on, with a known hallucination rate, LLM costs, and human labels arriving after a delay — the
 * true label, so containment and escaped hallucinations are real measurements of the ensemble. Once labels
 * have gathered, it trains the first tenant's first HRS version, which an operator may then promote.
 */
public class DemoTraffic implements AutoCloseable {

    static final String ACTOR = "demo";
    static final String REVIEWER = "demo-reviewer";
    private static final int LABEL_ATTEMPTS = 10;
    private static final int TRAINING_ATTEMPTS = 5;
    private static final Duration TRAINING_RETRY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

    private final DemoProperties properties;
    private final VerificationService verification;
    private final CommandGateway commands;
    private final HrsTrainingService hrsTrainings;
    private final CostModel costs;
    private final Clock clock;
    private final List<LabelledAnswer> grounded;
    private final List<LabelledAnswer> hallucinated;
    private final Random random = new Random(2026);
    private final AtomicLong sent = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "flk-demo");
        thread.setDaemon(true);
        return thread;
    });

    public DemoTraffic(DemoProperties properties, VerificationService verification, CommandGateway commands,
                       HrsTrainingService hrsTrainings, CostModel costs, Clock clock) {
        this.properties = properties;
        this.verification = verification;
        this.commands = commands;
        this.hrsTrainings = hrsTrainings;
        this.costs = costs;
        this.clock = clock;
        List<LabelledAnswer> unseen = HaluEvalQa.split(HaluEvalQa.bundled(), DatasetSplit.EVALUATION);
        this.grounded = unseen.stream().filter(answer -> !answer.hallucinated()).toList();
        this.hallucinated = unseen.stream().filter(LabelledAnswer::hallucinated).toList();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        for (int i = 0; i < properties.tenants().size(); i++) {
            seed(TenantId.of(properties.tenants().get(i)), i == 0 ? DefaultPolicies.CONTROL_SHARE : 0.25);
        }
        long periodMicros = (long) (1_000_000 / properties.tasksPerSecond());
        scheduler.scheduleAtFixedRate(this::verifyOne, 1_000_000, periodMicros, TimeUnit.MICROSECONDS);
        Instant trafficStarts = clock.instant();
        scheduler.schedule(() -> trainFirstHrs(trafficStarts, 1), properties.hrsTrainingAfter().toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Demo mode: {} tasks/s for tenants {}, {} % hallucinated, labels after {}",
                properties.tasksPerSecond(), properties.tenants(), properties.hallucinationRate() * 100,
                properties.reviewDelay());
    }

    private void seed(TenantId tenant, double controlShare) {
        attempt("register " + tenant.value(), () -> commands.sendAndWait(new RegisterTenant(tenant,
                new TenantSettings("Demo " + tenant.value(), Duration.ofMinutes(30), properties.reviewSampleRate()),
                ACTOR, clock.instant())));
        EnsemblePolicySpec defaults = DefaultPolicies.spec();
        attempt("define the policy of " + tenant.value(), () -> commands.sendAndWait(new DefineEnsemblePolicy(
                PolicyId.of(tenant), new EnsemblePolicySpec(defaults.treatment(), defaults.baseline(), controlShare),
                ACTOR, clock.instant())));
    }

    private void verifyOne() {
        try {
            TenantId tenant = TenantId.of(properties.tenants().get((int) (sent.getAndIncrement()
                    % properties.tenants().size())));
            boolean hallucinate = random.nextDouble() < properties.hallucinationRate();
            List<LabelledAnswer> pool = hallucinate ? hallucinated : grounded;
            VerificationInput sample = pool.get(random.nextInt(pool.size())).input();
            VerificationInput task = new VerificationInput(tenant, "demo-" + UUID.randomUUID(), sample.prompt(),
                    sample.answer(), sample.sources(), sample.citations(),
                    Map.of("temperature", 0.2 + random.nextDouble() * 0.6));
            RecordedDecision recorded = verification.verify(task, "gpt-4o-mini", 0.002 + random.nextDouble() * 0.008,
                    System.nanoTime());
            scheduleLabel(recorded.task(), hallucinate ? Verdict.HALLUCINATION : Verdict.GROUNDED, 1);
        } catch (RuntimeException failed) {
            log.warn("Demo verification failed: {}", failed.getMessage());
        }
    }

    private void scheduleLabel(TaskVerified task, Verdict truth, int attempt) {
        boolean escalated = task.decision() == Decision.ESCALATED;
        if (!escalated && attempt == 1 && random.nextDouble() >= properties.reviewSampleRate()) {
            return;
        }
        long delayMillis = properties.reviewDelay().toMillis() * attempt;
        scheduler.schedule(() -> {
            try {
                commands.sendAndWait(escalated
                        ? new ResolveEscalation(task.escalationId(), truth, "demo label", REVIEWER, true, null,
                        clock.instant())
                        : new ReviewTask(task.task(), truth, REVIEWER, costs.humanReviewUsd(), clock.instant()));
            } catch (RuntimeException notYet) {
                if (attempt < LABEL_ATTEMPTS) {
                    scheduleLabel(task, truth, attempt + 1);
                }
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Retried while the labels gathered so far cannot train yet (too few, or a split of one class). */
    private void trainFirstHrs(Instant trafficStarts, int attempt) {
        TenantId tenant = TenantId.of(properties.tenants().get(0));
        try {
            TrainingId training = hrsTrainings.start(new TrainingOrder(tenant, trafficStarts.minus(Duration.ofHours(1)),
                    clock.instant(), 42, List.of(HrsCandidate.LOGISTIC_REGRESSION, HrsCandidate.GRADIENT_BOOSTED_TREES),
                    null, ACTOR, ACTOR));
            log.info("Demo mode: training the first HRS version of {} ({}); promote it with POST "
                    + "/api/v1/tenants/{}/hrs/promotions once it is registered", tenant.value(), training,
                    tenant.value());
        } catch (InvalidValue | ApiProblem notYet) {
            if (attempt < TRAINING_ATTEMPTS) {
                log.info("Demo mode: no HRS training yet ({}); trying again in {}", notYet.getMessage(),
                        TRAINING_RETRY);
                scheduler.schedule(() -> trainFirstHrs(trafficStarts, attempt + 1), TRAINING_RETRY.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    private static void attempt(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException alreadyDone) {
            log.info("Demo mode: did not {} ({}); it was probably seeded by an earlier run", what,
                    alreadyDone.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
