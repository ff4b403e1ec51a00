package io.flk.api.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.ControlPlaneApplication;
import io.flk.api.observability.EventProcessorProgress;
import io.flk.db.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application on a database of its own, started and stopped by the test: for tests that restart
 * the application, reset its processors or tamper with its event log without disturbing any other test.
 */
public final class IsolatedApplication implements AutoCloseable {

    private final String jdbcUrl;
    private final Class<?>[] extraSources;
    private final String[] extraProperties;
    private ConfigurableApplicationContext context;

    private IsolatedApplication(String jdbcUrl, Class<?>[] extraSources, String[] extraProperties) {
        this.jdbcUrl = jdbcUrl;
        this.extraSources = extraSources;
        this.extraProperties = extraProperties;
        this.context = boot();
    }

    /** Starts on a new empty database; {@code extraSources} are added configuration classes. */
    public static IsolatedApplication onFreshDatabase(Class<?>[] extraSources, String... extraProperties) {
        String name = "iso_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return new IsolatedApplication(TestDatabase.get().createDatabase(name), extraSources, extraProperties);
    }

    public static IsolatedApplication onFreshDatabase(String... extraProperties) {
        return onFreshDatabase(new Class<?>[0], extraProperties);
    }

    private ConfigurableApplicationContext boot() {
        List<String> properties = new ArrayList<>(Arrays.asList(TestProperties.COMMON));
        properties.add("spring.datasource.url=" + jdbcUrl);
        properties.add("spring.datasource.username=postgres");
        properties.add("spring.datasource.password=");
        properties.add("server.port=0");
        properties.addAll(Arrays.asList(extraProperties));
        List<Class<?>> sources = new ArrayList<>(List.of(ControlPlaneApplication.class));
        sources.addAll(Arrays.asList(extraSources));
        // As command-line arguments: they must win over application.yml, which builder properties do not.
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
    }

    /** Stops the application and starts it again on the same database, like a process restart. */
    public void restart() {
        context.close();
        context = boot();
    }

    /** Stops the application; {@link #start()} brings it back on the same database. */
    public void stop() {
        context.close();
    }

    public void start() {
        context = boot();
    }

    public HttpJson as(String user) {
        return HttpJson.basic(port(), user, ApiTestSupport.passwordOf(user));
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    /**
     * Registers each tenant (display name as its id, SLA PT4H, review sample rate 0.05) and waits until the
     * tenants read model shows it: commands that check a tenant is active read that model.
     */
    public void registerTenants(String... tenantIds) {
        for (String tenantId : tenantIds) {
            HttpJson.Response registered = as(ApiTestSupport.OPERATOR).post("/api/v1/tenants", """
                    {"tenantId":"%s","displayName":"%s","escalationSla":"PT4H","reviewSampleRate":0.05}
                    """.formatted(tenantId, tenantId));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        }
        for (String tenantId : tenantIds) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> as(ApiTestSupport.OPERATOR).get("/api/v1/tenants/" + tenantId).status() == 200);
        }
    }

    /**
     * Waits until every event processor has handled every event stored so far: read models of different
     * processors are then all as of the same event.
     */
    public void awaitProcessorsCaughtUp(Duration atMost) {
        EventProcessorProgress progress = bean(EventProcessorProgress.class);
        await().atMost(atMost).untilAsserted(() -> assertThat(progress.behind(progress.head()))
                .as("event processors behind the head of the event store").isEmpty());
    }

    public DSLContext dsl() {
        return bean(DSLContext.class);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
