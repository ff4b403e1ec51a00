package io.flk.api.verification;

import io.flk.domain.verification.TaskEvent.TaskVerified;

/**
 * A decision as it stands in the event store.
 *
 * @param replayed the task id had been verified before: this is the earlier record, and nothing new was written
 */
public record RecordedDecision(TaskVerified task, boolean replayed) {
}
