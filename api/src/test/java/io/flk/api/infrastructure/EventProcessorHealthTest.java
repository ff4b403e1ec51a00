package io.flk.api.infrastructure;

import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.IsolatedApplication;
import io.flk.projections.tenant.TenantProjection;
import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** {@code /actuator/health} part {@code eventProcessors}: what an operator sees of the processors' progress. */
class EventProcessorHealthTest {

    @Test
    void everyProcessorCaughtUpIsReportedWithoutLagAndAStoppedOneTurnsHealthDown() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase()) {
            app.registerTenants("acme", "globex");
            app.awaitProcessorsCaughtUp(Duration.ofSeconds(30));
            long head = app.dsl().select(DSL.max(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX)).from(DOMAIN_EVENT_ENTRY)
                    .fetchSingle().value1();

            JsonNode healthy = eventProcessors(app.as("operator").get("/actuator/health"), 200);
            assertThat(healthy.get("status").asText()).isEqualTo("UP");
            assertThat(healthy.at("/details/headGlobalIndex").asLong()).isEqualTo(head);
            JsonNode tenants = healthy.at("/details/processors/" + TenantProjection.GROUP);
            assertThat(tenants.get("running").asBoolean()).isTrue();
            assertThat(tenants.get("error").asBoolean()).isFalse();
            assertThat(tenants.get("claimedSegments").asInt()).isPositive();
            assertThat(healthy.at("/details/processors")).allSatisfy(processor ->
                    assertThat(processor.get("lag").asLong()).as(processor.toString()).isZero());

            app.bean(Configuration.class).eventProcessingConfiguration()
                    .eventProcessor(TenantProjection.GROUP, StreamingEventProcessor.class).orElseThrow().shutDown();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode stopped = eventProcessors(app.as("operator").get("/actuator/health"), 503);
                assertThat(stopped.get("status").asText()).isEqualTo("DOWN");
                assertThat(stopped.at("/details/processors/" + TenantProjection.GROUP + "/running").asBoolean())
                        .isFalse();
            });
        }
    }

    private static JsonNode eventProcessors(HttpJson.Response health, int status) {
        assertThat(health.status()).as(health.body()).isEqualTo(status);
        return health.json().at("/components/eventProcessors");
    }
}
