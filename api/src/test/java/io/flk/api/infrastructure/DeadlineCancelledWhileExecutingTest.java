package io.flk.api.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import io.flk.api.testing.IsolatedApplication;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * A saga that ends while db-scheduler executes one of its deadlines cancels that deadline in its unit of work:
 * Axon's db-scheduler manager fails the unit of work there, the application's does not. CI saw it when a rollout
 * saga's abort cancelled the look that db-scheduler picked between listing it and cancelling it; cancelling that
 * one deadline by its id is the same call into db-scheduler, without the race.
 */
class DeadlineCancelledWhileExecutingTest {

    private static final String LOOK = "rollout-step-check";
    private static final SagaScopeDescriptor SAGA = new SagaScopeDescriptor("RolloutSaga", "saga-ending-now");

    @Test
    void cancellingADeadlineThatIsExecutingCommitsTheUnitOfWorkAndOthersAreStillCancelled() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase()) {
            DeadlineManager deadlines = app.bean(DeadlineManager.class);
            String running = deadlines.schedule(Instant.now().plus(Duration.ofHours(1)), LOOK, null, SAGA);
            executing(app, running);

            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            deadlines.cancelSchedule(LOOK, running);
            unitOfWork.commit();
            assertThat(unitOfWork.isRolledBack()).isFalse();
            assertThat(scheduled(app, running)).as("the executing deadline runs to its end").isTrue();

            String waiting = deadlines.schedule(Instant.now().plus(Duration.ofHours(1)), LOOK, null, SAGA);
            DefaultUnitOfWork<?> ending = DefaultUnitOfWork.startAndGet(null);
            deadlines.cancelAllWithinScope(LOOK, SAGA);
            ending.commit();
            assertThat(scheduled(app, waiting)).as("a deadline not executing is cancelled").isFalse();
        }
    }

    /** The same situation with Axon's manager as its auto-configuration builds it: what the application replaces. */
    @Test
    void axonsOwnManagerFailsTheUnitOfWork() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase()) {
            DeadlineManager axons = DbSchedulerDeadlineManager.builder()
                    .scheduler(app.bean(Scheduler.class))
                    .scopeAwareProvider(new ConfigurationScopeAwareProvider(
                            app.bean(org.axonframework.config.Configuration.class)))
                    .serializer(app.bean("eventSerializer", Serializer.class))
                    .transactionManager(app.bean(TransactionManager.class))
                    .startScheduler(false)
                    .stopScheduler(false)
                    .build();
            String running = axons.schedule(Instant.now().plus(Duration.ofHours(1)), LOOK, null, SAGA);
            executing(app, running);

            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            axons.cancelSchedule(LOOK, running);

            assertThatThrownBy(unitOfWork::commit).isInstanceOf(TaskInstanceCurrentlyExecutingException.class);
        }
    }

    private static boolean scheduled(IsolatedApplication app, String scheduleId) {
        return app.dsl().fetchExists(DSL.table("scheduled_tasks"),
                DSL.field("task_instance", String.class).eq(scheduleId));
    }

    /** Marks the deadline as db-scheduler marks the one it runs: picked, by a live instance. */
    private static void executing(IsolatedApplication app, String scheduleId) {
        int picked = app.dsl().update(DSL.table("scheduled_tasks"))
                .set(DSL.field("picked", Boolean.class), true)
                .set(DSL.field("picked_by", String.class), "another-instance")
                .set(DSL.field("last_heartbeat", Instant.class), Instant.now())
                .where(DSL.field("task_instance", String.class).eq(scheduleId))
                .execute();
        assertThat(picked).isEqualTo(1);
    }
}
