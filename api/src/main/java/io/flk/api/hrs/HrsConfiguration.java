package io.flk.api.hrs;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.flk.domain.hrs.HrsArtifacts;
import io.flk.domain.hrs.HrsTrainingSet;
import io.flk.domain.hrs.TrainingLease;
import io.flk.domain.verification.training.BundledModels;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the HRS lifecycle: signing, the model cache and routing, trainings and their schedule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HrsProperties.class)
public class HrsConfiguration {

    public static final String RETRAINING_TASK = "hrs-retraining";
    public static final String ORPHANED_TRAININGS_TASK = "hrs-orphaned-trainings";
    /** Trainings queued behind the running one; more are refused with 503 rather than piling up. */
    private static final int QUEUED_TRAININGS = 4;

    @Bean
    HrsSigning hrsSigning(HrsProperties properties) {
        return HrsSigning.from(properties.signing());
    }

    @Bean
    HrsMetrics hrsMetrics(MeterRegistry registry) {
        return new HrsMetrics(registry);
    }

    /** Names this instance in refusal events and training leases. */
    @Bean
    HrsInstance hrsInstance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            host = "unknown-host";
        }
        return new HrsInstance(host + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Bean
    HrsModelCache hrsModelCache(EventStore eventStore, HrsArtifacts artifacts, HrsSigning signing,
                                CommandGateway commands, HrsMetrics metrics, Clock clock, HrsInstance instance) {
        return new HrsModelCache(eventStore, artifacts, signing, commands, metrics, clock, instance.name());
    }

    @Bean
    HrsRouter hrsRouter(EventStore eventStore, HrsModelCache models, BundledModels bundled, HrsProperties properties) {
        return new HrsRouter(eventStore, models, bundled.hrs(), properties.routingCacheTtl());
    }

    /** One training at a time per instance: training is CPU-bound and must not starve verifications. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService hrsTrainingJobs() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_TRAININGS), runnable -> {
                    Thread thread = new Thread(runnable, "hrs-training");
                    thread.setDaemon(true);
                    thread.setPriority(Thread.MIN_PRIORITY);
                    return thread;
                });
        return executor;
    }

    @Bean
    HrsTrainingService hrsTrainingService(HrsTrainingSet trainingSet, HrsArtifacts artifacts, HrsSigning signing,
                                          TrainingLease lease, HrsProperties properties, CommandGateway commands,
                                          PlatformTransactionManager transactionManager,
                                          ExecutorService hrsTrainingJobs, HrsMetrics metrics, Clock clock,
                                          HrsInstance instance) {
        return new HrsTrainingService(trainingSet, artifacts, signing, lease, properties.trainingLeaseTtl(), commands,
                new TransactionTemplate(transactionManager), hrsTrainingJobs, metrics, clock, instance.name());
    }

    @Bean
    HrsRetraining hrsRetraining(HrsTrainingService trainings, HrsTrainingSet trainingSet, QueryGateway queries,
                                HrsProperties properties, Clock clock) {
        return new HrsRetraining(trainings, trainingSet, queries, properties.retraining(), clock);
    }

    /** db-scheduler claims the task's row for one instance per run, so with several instances one retrains. */
    @Bean
    @ConditionalOnExpression("'${flk.hrs.retraining.cron:0 0 3 * * *}' != '-'")
    RecurringTask<Void> hrsRetrainingTask(HrsRetraining retraining, HrsProperties properties) {
        return Tasks.recurring(RETRAINING_TASK, Schedules.cron(properties.retraining().cron(), ZoneOffset.UTC))
                .execute((instance, context) -> retraining.retrainAll());
    }

    @Bean
    RecurringTask<Void> hrsOrphanedTrainingsTask(HrsRetraining retraining, HrsProperties properties) {
        return Tasks.recurring(ORPHANED_TRAININGS_TASK, Schedules.fixedDelay(properties.orphanCheckInterval()))
                .execute((instance, context) -> retraining.endOrphanedTrainings());
    }

    record HrsInstance(String name) {
    }
}
