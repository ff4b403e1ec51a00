package io.flk.api.verification;

import io.flk.domain.verification.TaskEvent;
import io.flk.domain.verification.TaskEvent.EnsembleDisagreed;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Group commit of decisions. Request threads hand their {@link TaskVerified} to one writer, which appends
 * everything waiting (up to {@code maxBatch}, lingering at most {@code maxDelay} for more) to the event
 * store in a single transaction, so many decisions share one commit and one fsync. A request learns its
 * outcome only once that transaction committed: no answer without a durable record.
 *
 * <p>Each task is an aggregate whose first event is {@link TaskVerified}, so the event store's unique
 * (aggregate, sequence) key rejects a second record of the same task id. A batch that fails is retried
 * task by task, so that one duplicate cannot fail its neighbours; the duplicate gets the earlier record.
 */
public class DecisionRecorder implements SmartLifecycle {

    static final String AGGREGATE_TYPE = "VerifiedTask";
    private static final Logger log = LoggerFactory.getLogger(DecisionRecorder.class);

    private final EventStore eventStore;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final VerificationMetrics metrics;
    private volatile boolean running;
    private Thread writer;

    public DecisionRecorder(EventStore eventStore, int capacity, int maxBatch, long maxDelayMicros,
                            VerificationMetrics metrics) {
        this.eventStore = eventStore;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.maxDelayNanos = TimeUnit.MICROSECONDS.toNanos(maxDelayMicros);
        this.metrics = metrics;
    }

    /**
     * Queues the decision (and the disagreement, when there is one) for the next group commit.
     *
     * @throws RecorderOverloaded when the queue is full: the caller answers 503 at once instead of waiting
     */
    public CompletableFuture<RecordedDecision> record(TaskVerified task, EnsembleDisagreed disagreement) {
        if (!running) {
            throw new RecorderOverloaded("the decision recorder is not running");
        }
        List<DomainEventMessage<?>> events = new ArrayList<>(2);
        events.add(asDomainEvent(task, 0));
        if (disagreement != null) {
            events.add(asDomainEvent(disagreement, 1));
        }
        Pending pending = new Pending(task, events, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            throw new RecorderOverloaded("too many decisions are waiting to be recorded");
        }
        return pending.result();
    }

    private static DomainEventMessage<?> asDomainEvent(TaskEvent event, long sequence) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, event.task().toString(), sequence, event);
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                fill(batch);
                append(batch);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException unexpected) {
                batch.forEach(pending -> pending.result().completeExceptionally(unexpected));
                log.error("Decision batch failed unexpectedly", unexpected);
            } finally {
                batch.clear();
            }
        }
        queue.forEach(pending -> pending.result().completeExceptionally(
                new RecorderOverloaded("the decision recorder stopped")));
    }

    /** Takes what is already waiting; lingers briefly for more only while the batch is small. */
    private void fill(List<Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + maxDelayNanos;
        while (batch.size() < maxBatch) {
            queue.drainTo(batch, maxBatch - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= maxBatch || left <= 0) {
                return;
            }
            Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    private void append(List<Pending> batch) {
        long start = System.nanoTime();
        try {
            eventStore.publish(batch.stream().flatMap(pending -> pending.events().stream()).toList());
            batch.forEach(pending -> pending.result().complete(new RecordedDecision(pending.task(), false)));
            metrics.groupCommitted(batch.size(), System.nanoTime() - start);
        } catch (RuntimeException failed) {
            if (batch.size() > 1 && isDuplicate(failed)) {
                batch.forEach(this::appendAlone);
            } else {
                batch.forEach(pending -> settleAlone(pending, failed));
            }
        }
    }

    private void appendAlone(Pending pending) {
        try {
            eventStore.publish(pending.events());
            pending.result().complete(new RecordedDecision(pending.task(), false));
        } catch (RuntimeException failed) {
            settleAlone(pending, failed);
        }
    }

    private void settleAlone(Pending pending, RuntimeException failed) {
        if (isDuplicate(failed)) {
            try {
                pending.result().complete(new RecordedDecision(earlierRecord(pending.task()), true));
            } catch (RuntimeException unreadable) {
                pending.result().completeExceptionally(unreadable);
            }
        } else {
            pending.result().completeExceptionally(failed);
        }
    }

    private static boolean isDuplicate(RuntimeException failed) {
        return failed instanceof AggregateStreamCreationException || failed instanceof ConcurrencyException;
    }

    private TaskVerified earlierRecord(TaskVerified task) {
        DomainEventStream stream = eventStore.readEvents(task.task().toString());
        if (!stream.hasNext() || !(stream.next().getPayload() instanceof TaskVerified earlier)) {
            throw new IllegalStateException("task " + task.task() + " collided but has no earlier record");
        }
        return earlier;
    }

    @Override
    public void start() {
        running = true;
        writer = new Thread(this::writeLoop, "flk-decision-recorder");
        writer.setDaemon(false);
        writer.start();
    }

    /** Stops taking decisions and drains those already queued before the event store goes away. */
    @Override
    public void stop() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started before the web server takes requests and stopped after it finished them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    private record Pending(TaskVerified task, List<DomainEventMessage<?>> events,
                           CompletableFuture<RecordedDecision> result) {
    }
}
