package io.flk.api.testing;

import io.flk.domain.verification.TaskEvent;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * A task's events as the application records them: in the task's own aggregate stream, decision first, so that
 * every processor sees the label after the decision (events of one aggregate share a segment and keep their order).
 */
public final class RecordedTasks {

    /** The aggregate type the decision recorder writes tasks under. */
    private static final String TASK_AGGREGATE = "VerifiedTask";

    private RecordedTasks() {
    }

    /** One task's events in the order given (decision first), numbered as its aggregate stream. */
    public static List<GenericDomainEventMessage<TaskEvent>> stream(TaskEvent... events) {
        List<GenericDomainEventMessage<TaskEvent>> stream = new ArrayList<>(events.length);
        for (TaskEvent event : events) {
            stream.add(new GenericDomainEventMessage<>(TASK_AGGREGATE, event.task().toString(), stream.size(), event));
        }
        return stream;
    }

    public static List<GenericDomainEventMessage<TaskEvent>> verifiedThenLabelled(TaskVerified verified,
                                                                                  TaskLabelled label) {
        String aggregateId = verified.task().toString();
        return List.of(new GenericDomainEventMessage<>(TASK_AGGREGATE, aggregateId, 0, verified),
                new GenericDomainEventMessage<>(TASK_AGGREGATE, aggregateId, 1, label));
    }
}
