package io.flk.api.infrastructure;

import static io.flk.db.Tables.SNAPSHOT_EVENT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.testing.HrsApi;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.IsolatedApplication;
import io.flk.api.testing.LabelledTasks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;

/** Snapshotted aggregates load from their snapshot with the same state and version as from their full history. */
class SnapshotTest {

    @Test
    void aTenantLoadedFromItsSnapshotKeepsItsSettingsVersionAndRules() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase("flk.axon.snapshot-threshold=3")) {
            HttpJson operator = app.as("operator");
            operator.post("/api/v1/tenants", """
                    {"tenantId":"acme","displayName":"Acme","escalationSla":"PT4H","reviewSampleRate":0.05}
                    """);
            for (int i = 1; i <= 5; i++) {
                var changed = operator.put("/api/v1/tenants/acme/settings", """
                        {"displayName":"Acme %d","escalationSla":"PT%dH","reviewSampleRate":0.05}
                        """.formatted(i, i));
                assertThat(changed.json().path("version").asLong()).isEqualTo(i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> app.dsl().fetchCount(SNAPSHOT_EVENT_ENTRY) > 0);
            String snapshot = new String(app.dsl().select(SNAPSHOT_EVENT_ENTRY.PAYLOAD).from(SNAPSHOT_EVENT_ENTRY)
                    .orderBy(SNAPSHOT_EVENT_ENTRY.SEQUENCE_NUMBER.desc()).limit(1).fetchSingle().value1(),
                    StandardCharsets.UTF_8);
            assertThat(snapshot).as("the snapshot holds the aggregate's state")
                    .contains("\"status\":\"ACTIVE\"", "\"escalationSla\"", "\"tenantId\":\"acme\"");

            app.restart();
            HttpJson afterRestart = app.as("operator");
            assertThat(afterRestart.put("/api/v1/tenants/acme/settings",
                    "{\"displayName\":\"Acme 5\",\"escalationSla\":\"PT5H\",\"reviewSampleRate\":0.05}")
                    .json().path("version").asLong()).as("unchanged settings are recognised: no new event").isEqualTo(5);
            var stale = afterRestart.header("If-Match", "\"4\"").put("/api/v1/tenants/acme/settings",
                    "{\"displayName\":\"Acme 6\",\"escalationSla\":\"PT6H\",\"reviewSampleRate\":0.05}");
            assertThat(stale.status()).isEqualTo(412);
            assertThat(afterRestart.post("/api/v1/tenants/acme/suspension", "{\"reason\":\"unpaid\"}").status())
                    .isEqualTo(200);
            var refused = afterRestart.put("/api/v1/tenants/acme/settings",
                    "{\"displayName\":\"Acme 7\",\"escalationSla\":\"PT7H\",\"reviewSampleRate\":0.05}");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.problemType()).isEqualTo("tenant-suspended");
        }
    }

    @Test
    void anHrsModelLineLoadedFromItsSnapshotKeepsItsRoutingRequestsAndHistory() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase("flk.axon.snapshot-threshold=3")) {
            app.as("operator").post("/api/v1/tenants", """
                    {"tenantId":"acme","displayName":"Acme","escalationSla":"PT4H","reviewSampleRate":0.05}
                    """);
            Instant now = Instant.now();
            // Enough labels for a test split whose ECE passes the champion gate (600 gave ECE 0.09).
            LabelledTasks.publish(app.bean(EventGateway.class), "acme", 3000, 9, now.minusSeconds(600));
            HrsApi hrs = new HrsApi(app::as, "acme");
            hrs.awaitTrainingSet("operator", now.minus(Duration.ofHours(1)), now, 3000);
            String first = hrs.trainAndAwait("operator", 42, now.minus(Duration.ofHours(1)), now);
            String second = hrs.trainAndAwait("operator", 43, now.minus(Duration.ofHours(1)), now);
            hrs.approved("approver", hrs.requestPromotionId("operator", first, "CHAMPION", null));
            hrs.approved("approver", hrs.requestPromotionId("operator", second, "CHAMPION", null));
            String pending = hrs.requestPromotionId("operator", first, "SHADOW", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> app.dsl().fetchCount(SNAPSHOT_EVENT_ENTRY,
                    SNAPSHOT_EVENT_ENTRY.AGGREGATE_IDENTIFIER.eq("hrs-models:acme")) > 0);

            app.restart();

            assertThat(hrs.approve("operator", pending).status()).as("roles still apply").isEqualTo(403);
            assertThat(hrs.approved("approver", pending).get("shadows").get(0).asText())
                    .as("the pending request survived the snapshot").isEqualTo(first);
            var rollback = app.as("operator").post(hrs.base() + "/rollback", "{\"reason\":\"after restart\"}");
            assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
            assertThat(rollback.json().at("/routing/champion").asText())
                    .as("the champion history survived the snapshot").isEqualTo(first);
            assertThat(hrs.requestPromotion("operator", "hrs-0123456789abcdef", "CHAMPION", null).status())
                    .as("the registry survived the snapshot: only registered versions").isEqualTo(404);
        }
    }
}
