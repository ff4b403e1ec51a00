package io.flk.api.billing;

import io.flk.commands.billing.BillingFileParser;
import io.flk.commands.billing.BillingFileParser.ParseResult;
import io.flk.domain.billing.BillingFormat;
import io.flk.domain.billing.BillingLineItem;
import io.flk.domain.billing.BillingLineItemSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Parses a billing file on a thread of its own and hands its line items over in small batches through a bounded
 * queue, so that parsing and encoding + COPY run on two cores instead of one. Memory stays constant: at most
 * {@link #BATCHES} batches of {@link #BATCH} items wait. The items reach the consumer in file order; a failure of
 * the parse (a refused line, an unreadable file) reaches it in order too, after the items before it.
 */
final class ParsingThread implements AutoCloseable {

    static final int BATCH = 512;
    static final int BATCHES = 16;

    /** What the parser produced: items, or its end (result or failure). */
    private record Batch(long[] lines, BillingLineItem[] items, int size, ParseResult result, Throwable failure) {
    }

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private volatile boolean cancelled;

    ParsingThread(BillingImportService.Source source, BillingFormat format, BillingFileParser parser) {
        thread = new Thread(() -> run(source, format, parser), "billing-parse");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(BillingImportService.Source source, BillingFormat format, BillingFileParser parser) {
        Batch end;
        try (InputStream in = source.open()) {
            Batching batching = new Batching();
            ParseResult result = parser.parse(in, format, batching);
            batching.flush();
            end = new Batch(null, null, 0, result, null);
        } catch (IOException e) {
            end = new Batch(null, null, 0, null, new UncheckedIOException(e));
        } catch (CancellationException e) {
            return;
        } catch (Throwable e) {
            // whatever ends the parse must reach the consumer, or it would wait for the next batch forever
            end = cancelled ? null : new Batch(null, null, 0, null, e);
        }
        if (end != null) {
            hand(end);
        }
    }

    /**
     * Feeds every item to {@code sink} on the caller's thread until the parse ends; returns its result, or throws
     * what ended it.
     */
    ParseResult drainInto(BillingLineItemSink sink) {
        while (true) {
            Batch batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while importing a billing file", e);
            }
            for (int i = 0; i < batch.size(); i++) {
                sink.accept(batch.lines()[i], batch.items()[i]);
            }
            if (batch.failure() instanceof RuntimeException e) {
                throw e;
            }
            if (batch.failure() instanceof Error e) {
                throw e;
            }
            if (batch.failure() != null) {
                throw new IllegalStateException(batch.failure());
            }
            if (batch.result() != null) {
                return batch.result();
            }
        }
    }

    /** Stops the parser if it is still running (the COPY failed) and waits for its thread to end. */
    @Override
    public void close() {
        if (!thread.isAlive()) {
            return;
        }
        cancelled = true;
        queue.clear();
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void hand(Batch batch) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    throw new CancellationException();
                }
            }
        } catch (InterruptedException e) {
            throw new CancellationException();
        }
    }

    private final class Batching implements BillingLineItemSink {

        private long[] lines = new long[BATCH];
        private BillingLineItem[] items = new BillingLineItem[BATCH];
        private int size;

        @Override
        public void accept(long line, BillingLineItem item) {
            if (cancelled) {
                throw new CancellationException();
            }
            lines[size] = line;
            items[size] = item;
            if (++size == BATCH) {
                flush();
            }
        }

        void flush() {
            if (size == 0) {
                return;
            }
            hand(new Batch(lines, items, size, null, null));
            lines = new long[BATCH];
            items = new BillingLineItem[BATCH];
            size = 0;
        }
    }
}
