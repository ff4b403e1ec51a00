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
            // Reads every labelled score of every tenant; no test waits on it but the dashboards' scrape, for 30 s.
            "flk.hrs.online-auc-refresh=PT5S",
            // The nightly jobs and the orphan sweep would act on every test's tenants if a run crossed their hour;
            // the tests that cover them call them directly.
            "flk.cost.reconciliation.cron=-",
            "flk.hrs.retraining.cron=-",
            "flk.hrs.orphan-check-interval=P1D",
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
