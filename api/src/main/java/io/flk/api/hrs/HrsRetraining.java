package io.flk.api.hrs;

import io.flk.api.hrs.HrsTrainingService.TrainingOrder;
import io.flk.api.web.ApiProblem;
import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.hrs.HrsModelQueries.FetchHrsTrainings;
import io.flk.domain.hrs.HrsModelQueries.HrsTrainingList;
import io.flk.domain.hrs.HrsModelQueries.HrsTrainingView;
import io.flk.domain.hrs.HrsModelQueries.TrainingStatus;
import io.flk.domain.hrs.HrsTrainingSet;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.tenant.TenantQueries.FetchTenants;
import io.flk.domain.tenant.TenantQueries.TenantList;
import io.flk.domain.tenant.TenantQueries.TenantView;
import io.flk.domain.tenant.TenantStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled retraining: for every active tenant, a training over the configured window that registers a
 * candidate version. It never promotes: promotion stays a four-eyes decision. A tenant with fewer labelled tasks in
 * the window than {@code min-rows} is skipped from the read model's count alone; one whose window cannot train
 * (one class, NaN features) or whose training is already running is skipped with the reason logged. Trainings
 * whose instance stopped are ended, so that no job stays "running" for ever.
 */
public class HrsRetraining {

    private static final Logger log = LoggerFactory.getLogger(HrsRetraining.class);
    static final String ACTOR = "scheduler";
    static final String TRIGGER = "schedule";

    private final HrsTrainingService trainings;
    private final HrsTrainingSet trainingSet;
    private final QueryGateway queries;
    private final HrsProperties.Retraining settings;
    private final List<HrsCandidate> candidates;
    private final Clock clock;

    public HrsRetraining(HrsTrainingService trainings, HrsTrainingSet trainingSet, QueryGateway queries,
                         HrsProperties.Retraining settings, Clock clock) {
        this.trainings = trainings;
        this.trainingSet = trainingSet;
        this.queries = queries;
        this.settings = settings;
        this.candidates = IntStream.range(0, settings.candidates().size())
                .mapToObj(i -> HrsCandidate.fromId(settings.candidates().get(i), "flk.hrs.retraining.candidates[" + i
                        + "]"))
                .toList();
        this.clock = clock;
    }

    /** @return the tenants a training started for */
    public List<TenantId> retrainAll() {
        Instant now = clock.instant();
        List<TenantId> started = new ArrayList<>();
        for (TenantView tenant : queries.query(new FetchTenants(), TenantList.class).join().tenants()) {
            if (tenant.status() != TenantStatus.ACTIVE) {
                continue;
            }
            TenantId tenantId = TenantId.of(tenant.tenantId());
            Instant from = now.minus(settings.window());
            int labelled = trainingSet.stats(tenantId, from, now).rows();
            if (labelled < settings.minRows()) {
                log.info("Scheduled HRS retraining skips tenant {}: {} labelled tasks in the window, {} required",
                        tenantId.value(), labelled, settings.minRows());
                continue;
            }
            try {
                trainings.start(new TrainingOrder(tenantId, from, now, settings.seed(), candidates, null, TRIGGER,
                        ACTOR));
                started.add(tenantId);
            } catch (InvalidValue | ApiProblem skipped) {
                log.info("Scheduled HRS retraining skips tenant {}: {}", tenantId.value(), skipped.getMessage());
            }
        }
        return started;
    }

    /** @return how many trainings were ended because no instance runs them any more */
    public int endOrphanedTrainings() {
        List<HrsTrainingView> running = new ArrayList<>();
        for (TenantView tenant : queries.query(new FetchTenants(), TenantList.class).join().tenants()) {
            queries.query(new FetchHrsTrainings(TenantId.of(tenant.tenantId())), HrsTrainingList.class).join()
                    .trainings().stream().filter(training -> training.status() == TrainingStatus.RUNNING)
                    .forEach(running::add);
        }
        return trainings.failOrphaned(running);
    }
}
