package io.flk.benchmarks.support;

import com.zaxxer.hikari.HikariDataSource;
import io.flk.api.ControlPlaneApplication;
import io.flk.api.observability.EventProcessorProgress;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The whole control plane booted in this JVM as {@code ControlPlaneApplication} boots in production (shipped pool,
 * server, Axon and db-scheduler settings, projections running) against a {@link DurablePostgres}, with HTTP on a
 * random port. Settings given as system properties (e.g. {@code -Dspring.datasource.hikari.maximum-pool-size=20})
 * reach the application; {@link #overrides()} lists them so that a report never hides a tuned run.
 */
public final class ApplicationUnderTest implements AutoCloseable {

    private static final List<String> APPLICATION_PREFIXES =
            List.of("spring.", "server.", "flk.", "axon.", "db-scheduler.", "management.", "logging.");

    private final DurablePostgres postgres;
    private final ConfigurableApplicationContext context;

    private ApplicationUnderTest(DurablePostgres postgres, ConfigurableApplicationContext context) {
        this.postgres = postgres;
        this.context = context;
    }

    /**
     * Boots the application on {@code postgres}. {@code arguments} are extra Spring Boot command-line arguments
     * ({@code --name=value}), e.g. to configure JWT validation.
     */
    public static ApplicationUnderTest start(DurablePostgres postgres, String... arguments) {
        List<String> args = new ArrayList<>(List.of(
                // Command-line arguments outrank application.yml and system properties.
                "--server.port=0",
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password="));
        args.addAll(List.of(arguments));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ControlPlaneApplication.class)
                .run(args.toArray(String[]::new));
        return new ApplicationUnderTest(postgres, context);
    }

    public int port() {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public Environment environment() {
        return context.getEnvironment();
    }

    public CpuProbe cpuProbe() {
        return new CpuProbe(postgres.pid());
    }

    public HikariProbe hikariProbe() {
        return new HikariProbe(bean(HikariDataSource.class), bean(MeterRegistry.class));
    }

    /** The effective settings that bound command throughput, for the report. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        HikariDataSource pool = bean(HikariDataSource.class);
        settings.put("Hikari maximum pool size", Integer.toString(pool.getMaximumPoolSize()));
        settings.put("Tomcat max threads", environment().getProperty("server.tomcat.threads.max", "200 (default)"));
        settings.put("Tomcat max keep-alive requests per connection",
                environment().getProperty("server.tomcat.max-keep-alive-requests", "100 (default)"));
        settings.put("virtual threads", environment().getProperty("spring.threads.virtual.enabled", "false"));
        return settings;
    }

    /** Application settings given as system properties to this run (empty for a run with the shipped defaults). */
    public static Map<String, String> overrides() {
        Map<String, String> overrides = new TreeMap<>();
        System.getProperties().forEach((key, value) -> {
            String name = key.toString();
            if (APPLICATION_PREFIXES.stream().anyMatch(name::startsWith)) {
                overrides.put(name, value.toString());
            }
        });
        return overrides;
    }

    /**
     * Waits until every streaming event processor has handled every event stored so far, so that one phase's
     * projection backlog does not eat into the next phase's CPU. Returns how long that took, or throws with the
     * lagging processors after {@code max}.
     */
    public Duration awaitProjectionsCaughtUp(Duration max) throws InterruptedException {
        long began = System.nanoTime();
        EventProcessorProgress progress = bean(EventProcessorProgress.class);
        long target = progress.head();
        while (true) {
            List<EventProcessorProgress.Processor> behind = progress.behind(target);
            behind.stream().filter(processor -> processor.error().isPresent()).findFirst().ifPresent(failed -> {
                throw new IllegalStateException("Event processor " + failed.name() + " is in error: "
                        + failed.error().get());
            });
            Duration waited = Duration.ofNanos(System.nanoTime() - began);
            if (behind.isEmpty()) {
                return waited;
            }
            if (waited.compareTo(max) > 0) {
                throw new IllegalStateException("Event processors did not reach global index " + target + " within "
                        + max + "; lowest positions: " + behind.stream().map(processor -> processor.name() + "="
                        + processor.lowestPosition().orElse(-1L)).toList());
            }
            Thread.sleep(100);
        }
    }

    /** Stops the application; the PostgreSQL server stays up for the caller to close. */
    @Override
    public void close() {
        context.close();
    }

    /**
     * Ends the non-daemon thread that Axon keeps in a static field ({@code AxonTaskJanitor}), which would otherwise
     * keep {@code exec:java} waiting forever after the benchmark. Call once, at the very end of a benchmark's main.
     */
    public static void releaseStaticThreads() {
        org.axonframework.messaging.timeout.AxonTaskJanitor.INSTANCE.shutdownNow();
    }
}
