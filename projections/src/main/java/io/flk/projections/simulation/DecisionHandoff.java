package io.flk.projections.simulation;

import io.flk.domain.simulation.RecordedLabel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Parses and replays decisions on a thread of its own while the JDBC thread fetches the next ones: PostgreSQL
 * hands out a cursor's rows only when asked, so without this the database waits while the JVM parses and the
 * JVM waits while the database reads. At most {@value #BATCHES_AHEAD} batches of {@value #BATCH_ROWS} payloads
 * wait between the two threads, so memory stays bounded. The sink is called from the worker thread only; a
 * cancellation is honoured by both threads between two decisions.
 */
final class DecisionHandoff implements AutoCloseable {

    static final int BATCH_ROWS = 256;
    static final int BATCHES_AHEAD = 4;
    private static final Batch END = new Batch(0);

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final RecordedTaskSink sink;
    private final ReplayControl control;
    private final TaskEventPayloads payloads = new TaskEventPayloads();
    private final Thread worker;
    private Batch filling = new Batch(BATCH_ROWS);
    private volatile long replayed;
    private volatile RuntimeException failure;
    private volatile boolean stopped;

    DecisionHandoff(RecordedTaskSink sink, ReplayControl control) {
        this.sink = sink;
        this.control = control;
        this.worker = new Thread(this::work, Thread.currentThread().getName() + "-replay");
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues one fetched decision; throws what stopped the worker, if it stopped. */
    void add(byte[] payload, boolean disagreed, RecordedLabel label) {
        filling.add(payload, disagreed, label);
        if (filling.size == BATCH_ROWS) {
            hand(filling);
            filling = new Batch(BATCH_ROWS);
        }
    }

    /** Decisions the worker has replayed so far. */
    long replayed() {
        return replayed;
    }

    /** Waits until every decision handed over is replayed; throws what stopped the worker, if anything did. */
    void finish() {
        if (filling.size > 0) {
            hand(filling);
        }
        hand(END);
        join();
        throwFailure();
    }

    /** Stops the worker after its current decision when the fetching side ended abnormally. */
    @Override
    public void close() {
        if (worker.isAlive()) {
            stopped = true;
            queue.clear();
            queue.offer(END);
            join();
        }
    }

    private void hand(Batch batch) {
        try {
            while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                throwFailure();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the replay was interrupted", interrupted);
        }
        throwFailure();
    }

    private void work() {
        try {
            for (Batch batch = queue.take(); batch != END && !stopped; batch = queue.take()) {
                for (int i = 0; i < batch.size && !stopped; i++) {
                    if (control.cancelRequested()) {
                        throw new ReplayCancelled();
                    }
                    sink.accept(payloads.decision(batch.payloads[i], batch.disagreed[i], batch.labels[i]));
                    replayed++;
                }
            }
        } catch (RuntimeException failed) {
            failure = failed;
        } catch (InterruptedException interrupted) {
            failure = new IllegalStateException("the replay was interrupted", interrupted);
        }
    }

    private void join() {
        try {
            worker.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the replay was interrupted", interrupted);
        }
    }

    private void throwFailure() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    /** Fetched decisions on their way to the worker. */
    private static final class Batch {

        private final byte[][] payloads;
        private final boolean[] disagreed;
        private final RecordedLabel[] labels;
        private int size;

        Batch(int capacity) {
            payloads = new byte[capacity][];
            disagreed = new boolean[capacity];
            labels = new RecordedLabel[capacity];
        }

        void add(byte[] payload, boolean disagreement, RecordedLabel label) {
            payloads[size] = payload;
            disagreed[size] = disagreement;
            labels[size] = label;
            size++;
        }
    }
}
