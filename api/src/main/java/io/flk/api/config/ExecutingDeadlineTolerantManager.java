package io.flk.api.config;

import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's db-scheduler deadline manager, except that cancelling a deadline db-scheduler is executing at that moment
 * does not fail the unit of work that cancels it. A saga ending as one of its own deadlines fires (a rollout aborted
 * while its look runs) would otherwise fail its event on commit and have it retried seconds later, holding up every
 * saga of its segment. The executing deadline needs no cancelling: it reaches a saga that has ended by then and is
 * dropped, or an aggregate whose deadline handlers check its state. Cancelling stops at that deadline, so another
 * deadline of the same name and scope would stay scheduled; the sagas and aggregates here keep one at a time.
 */
final class ExecutingDeadlineTolerantManager extends DbSchedulerDeadlineManager {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutingDeadlineTolerantManager.class);

    ExecutingDeadlineTolerantManager(Builder builder) {
        super(builder);
    }

    @Override
    protected void runOnPrepareCommitOrNow(Runnable deadlineCall) {
        super.runOnPrepareCommitOrNow(() -> {
            try {
                deadlineCall.run();
            } catch (TaskInstanceCurrentlyExecutingException executing) {
                LOG.info("Not cancelling a deadline that is executing right now: {}", executing.getMessage());
            }
        });
    }
}
