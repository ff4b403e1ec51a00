package io.flk.api.testing;

import io.flk.db.testing.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Settings every test instance of the application runs with: short intervals so tests wait seconds, not minutes. */
public final class TestProperties {

    public static final String[] COMMON = {
            "flk.security.dev-tenants=acme,globex",
            "flk.metrics.refresh-interval=PT1S",
            "flk.axon.dead-letter.retry-interval=PT1S",
            "flk.axon.processor.segments=2",
            "db-scheduler.polling-interval=200ms",
            "flk.hrs.online-auc-refresh=PT1S",
            // One HRS signing key per test JVM, kept out of the working tree's data folder.
            "flk.hrs.signing.key-file=" + System.getProperty("java.io.tmpdir") + "/flk-test-hrs-signing-key-"
                    + ProcessHandle.current().pid()
    };

    private TestProperties() {
    }

    /** The JVM's embedded PostgreSQL and {@link #COMMON}, for a {@code @DynamicPropertySource}. */
    public static void registerSharedDatabaseAndCommon(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabase.get().jdbcUrl());
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        for (String property : COMMON) {
            String[] keyValue = property.split("=", 2);
            registry.add(keyValue[0], () -> keyValue[1]);
        }
    }
}
