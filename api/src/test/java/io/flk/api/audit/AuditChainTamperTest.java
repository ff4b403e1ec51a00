package io.flk.api.audit;

import static io.flk.db.Tables.AUDIT_CHAIN;
import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.IsolatedApplication;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The hash chain detects an event altered behind the write-once trigger's back, at exactly that event. */
class AuditChainTamperTest {

    @Test
    void verificationReportsTheFirstAlteredEventByItsGlobalIndex() throws Exception {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase()) {
            app.as("operator").post("/api/v1/tenants", """
                    {"tenantId":"acme","displayName":"Acme","escalationSla":"PT4H","reviewSampleRate":0.05}
                    """);
            for (String name : new String[] {"beta", "gamma", "delta"}) {
                app.as("operator").post("/api/v1/tenants", """
                        {"tenantId":"%s","displayName":"%s","escalationSla":"PT1H","reviewSampleRate":0.1}
                        """.formatted(name, name));
            }
            int events = app.dsl().fetchCount(DOMAIN_EVENT_ENTRY);
            assertThat(events).isEqualTo(4);
            await().atMost(Duration.ofSeconds(10)).until(() -> app.dsl().fetchCount(AUDIT_CHAIN) == events);

            JsonNode intact = app.as("auditor").get("/api/v1/audit/chain/verify").json();
            assertThat(intact.path("intact").asBoolean()).isTrue();
            assertThat(intact.path("checkedLinks").asLong()).isEqualTo(4);
            assertThat(intact.path("unchainedEvents").asLong()).isZero();

            long tampered = app.dsl().select(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX).from(DOMAIN_EVENT_ENTRY)
                    .where(DOMAIN_EVENT_ENTRY.AGGREGATE_IDENTIFIER.eq("tenant:gamma")).fetchSingle().value1();
            rewritePayloadAsSuperuser(app.jdbcUrl(), tampered);

            JsonNode broken = app.as("auditor").get("/api/v1/audit/chain/verify").json();
            assertThat(broken.path("intact").asBoolean()).isFalse();
            assertThat(broken.path("firstBrokenGlobalIndex").asLong()).isEqualTo(tampered);
            assertThat(broken.path("reason").asText()).contains("payload");
            long position = app.dsl().select(AUDIT_CHAIN.CHAIN_POSITION).from(AUDIT_CHAIN)
                    .where(AUDIT_CHAIN.GLOBAL_INDEX.eq(tampered)).fetchSingle().value1();
            assertThat(broken.path("firstBrokenChainPosition").asLong()).isEqualTo(position);
            assertThat(broken.path("checkedLinks").asLong()).isEqualTo(position - 1);
        }
    }

    @Test
    void theWriteOnceTriggerStopsTheApplicationsOwnUserFromRewritingAnEvent() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase()) {
            app.as("operator").post("/api/v1/tenants", """
                    {"tenantId":"acme","displayName":"Acme","escalationSla":"PT4H","reviewSampleRate":0.05}
                    """);
            assertThatThrownBy(() -> app.dsl().update(DOMAIN_EVENT_ENTRY)
                    .set(DOMAIN_EVENT_ENTRY.PAYLOAD_TYPE, "forged").execute())
                    .rootCause().hasMessageContaining("write-once");
            try (CloseableDSLContext database = DSL.using(app.jdbcUrl(), "postgres", "")) {
                assertThat(database.fetchCount(DOMAIN_EVENT_ENTRY, DOMAIN_EVENT_ENTRY.PAYLOAD_TYPE.eq("forged")))
                        .isZero();
            }
        }
    }

    /** What an attacker with superuser rights could do: switch triggers off for the session and rewrite. */
    private static void rewritePayloadAsSuperuser(String jdbcUrl, long globalIndex) throws Exception {
        try (Connection connection = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = replica");
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update domain_event_entry set payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                            + "'gamma', 'GAMMA'), 'UTF8') where global_index = ?")) {
                update.setLong(1, globalIndex);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
    }
}
