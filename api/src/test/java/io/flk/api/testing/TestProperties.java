package io.flk.api.testing;

/** Settings every test instance of the application runs with: short intervals so tests wait seconds, not minutes. */
public final class TestProperties {

    public static final String[] COMMON = {
            "flk.security.dev-tenants=acme,globex",
            "flk.metrics.refresh-interval=PT1S",
            "flk.axon.dead-letter.retry-interval=PT1S",
            "flk.axon.processor.segments=2",
            "db-scheduler.polling-interval=200ms"
    };

    private TestProperties() {
    }
}
