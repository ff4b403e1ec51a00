package io.flk.benchmarks.support;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application's connection pool during the window: connections in use and threads waiting for one (sampled
 * every 10 ms), and from Hikari's Micrometer timers the mean time to acquire a connection and the mean time a
 * connection was held (which is close to the mean transaction time).
 */
public final class HikariProbe implements LoadDriver.Probe {

    private final HikariDataSource dataSource;
    private final MeterRegistry registry;
    private volatile boolean sampling;
    private Thread sampler;
    private long samples;
    private long activeSum;
    private int activeMax;
    private long waitingSum;
    private int waitingMax;
    private TimerSnapshot acquire;
    private TimerSnapshot usage;

    public HikariProbe(HikariDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    @Override
    public void windowStarted() {
        samples = activeSum = waitingSum = 0;
        activeMax = waitingMax = 0;
        acquire = TimerSnapshot.of(registry, "hikaricp.connections.acquire");
        usage = TimerSnapshot.of(registry, "hikaricp.connections.usage");
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                int active = pool.getActiveConnections();
                int waiting = pool.getThreadsAwaitingConnection();
                synchronized (this) {
                    samples++;
                    activeSum += active;
                    waitingSum += waiting;
                    activeMax = Math.max(activeMax, active);
                    waitingMax = Math.max(waitingMax, waiting);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-probe-hikari");
        sampler.setDaemon(true);
        sampler.start();
    }

    @Override
    public Map<String, String> windowEnded(Duration window, long successes) {
        sampling = false;
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, String> facts = new LinkedHashMap<>();
        synchronized (this) {
            facts.put("Hikari connections in use (mean / max of " + dataSource.getMaximumPoolSize() + ")",
                    String.format("%.1f / %d", samples == 0 ? 0.0 : activeSum / (double) samples, activeMax));
            facts.put("threads waiting for a connection (mean / max)",
                    String.format("%.1f / %d", samples == 0 ? 0.0 : waitingSum / (double) samples, waitingMax));
        }
        facts.put("connection acquire time (mean)", acquire.meanSince(registry));
        facts.put("connection held per checkout (mean)", usage.meanSince(registry));
        return facts;
    }

    private record TimerSnapshot(String name, long count, double totalNanos) {
        static TimerSnapshot of(MeterRegistry registry, String name) {
            Timer timer = registry.find(name).timer();
            return timer == null ? new TimerSnapshot(name, -1, 0)
                    : new TimerSnapshot(name, timer.count(), timer.totalTime(TimeUnit.NANOSECONDS));
        }

        String meanSince(MeterRegistry registry) {
            TimerSnapshot now = of(registry, name);
            if (count < 0 || now.count < 0) {
                return "n/a (no " + name + " timer)";
            }
            long checkouts = now.count - count;
            if (checkouts == 0) {
                return "n/a (no checkouts)";
            }
            return String.format("%.3f ms over %,d checkouts", (now.totalNanos - totalNanos) / checkouts / 1e6,
                    checkouts);
        }
    }
}
