package io.flk.api.infrastructure;

import static io.flk.db.Tables.DEAD_LETTER_ENTRY;
import static io.flk.db.Tables.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.testing.IsolatedApplication;
import io.flk.domain.tenant.TenantEvent.TenantRegistered;
import io.flk.domain.tenant.TenantEvent.TenantSettingsChanged;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * DESIGN.md section 5: a failing event is parked per sequence in the JDBC dead-letter queue, retried a
 * bounded number of times, and never logged and skipped; other projections keep going.
 */
class DeadLetterQueueTest {

    static final String GROUP = "poisoned-test-projection";
    static final int MAX_RETRIES = 3;
    static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    static final Set<String> healed = ConcurrentHashMap.newKeySet();
    static final Set<String> handled = ConcurrentHashMap.newKeySet();

    @Test
    void aFailingSequenceIsParkedRetriedAtMostTheBoundAndReleasedOnceItSucceeds() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase(new Class<?>[] {PoisonedProjection.Config.class},
                "flk.axon.dead-letter.max-retries=" + MAX_RETRIES)) {
            for (String tenant : new String[] {"poison-a", "poison-b", "healthy"}) {
                app.as("operator").post("/api/v1/tenants", """
                        {"tenantId":"%s","displayName":"%s","escalationSla":"PT4H","reviewSampleRate":0.05}
                        """.formatted(tenant, tenant));
            }
            app.as("operator").put("/api/v1/tenants/poison-a/settings",
                    "{\"displayName\":\"Still poisoned\",\"escalationSla\":\"PT4H\",\"reviewSampleRate\":0.05}");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(app.dsl().fetchCount(TENANT)).as("other projections are not held up").isEqualTo(3);
                assertThat(handled).contains("healthy");
                assertThat(app.dsl().fetchCount(DEAD_LETTER_ENTRY, DEAD_LETTER_ENTRY.PROCESSING_GROUP.eq(GROUP)))
                        .as("both events of poison-a and the one of poison-b are parked").isEqualTo(3);
            });

            healed.add("poison-b");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(handled).contains("poison-b");
                assertThat(app.dsl().fetchCount(DEAD_LETTER_ENTRY, DEAD_LETTER_ENTRY.PROCESSING_GROUP.eq(GROUP)))
                        .isEqualTo(2);
            });

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> attempts.get("poison-a").get() == 1 + MAX_RETRIES);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> attempts.get("poison-a").get() == 1 + MAX_RETRIES);
            assertThat(handled).doesNotContain("poison-a");
            assertThat(app.dsl().fetchCount(DEAD_LETTER_ENTRY, DEAD_LETTER_ENTRY.PROCESSING_GROUP.eq(GROUP)))
                    .as("exhausted letters stay parked for an operator").isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> app.as("operator").get("/actuator/prometheus").body()
                    .contains("flk_dead_letters{application=\"flk-control-plane\",group=\"" + GROUP + "\"} 1.0"));
        }
    }

    @ProcessingGroup(GROUP)
    static class PoisonedProjection {

        @EventHandler
        void on(TenantRegistered event) {
            handle(event.tenantId().value());
        }

        @EventHandler
        void on(TenantSettingsChanged event) {
            handle(event.tenantId().value());
        }

        private static void handle(String tenant) {
            if (tenant.startsWith("poison") && !healed.contains(tenant)) {
                attempts.computeIfAbsent(tenant, key -> new AtomicInteger()).incrementAndGet();
                throw new IllegalStateException("cannot project " + tenant);
            }
            handled.add(tenant);
        }

        @TestConfiguration
        static class Config {
            @Bean
            PoisonedProjection poisonedProjection() {
                return new PoisonedProjection();
            }
        }
    }
}
