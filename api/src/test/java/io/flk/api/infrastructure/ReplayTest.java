package io.flk.api.infrastructure;

import static io.flk.db.Tables.AUDIT_CHAIN;
import static io.flk.db.Tables.ESCALATION;
import static io.flk.db.Tables.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.testing.HttpJson;
import io.flk.api.testing.IsolatedApplication;
import io.flk.projections.audit.AuditChainProjection;
import io.flk.projections.escalation.EscalationProjection;
import io.flk.projections.tenant.TenantProjection;
import java.time.Duration;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/** DESIGN.md section 5: shut down, reset tokens, start; projections rebuilt from zero equal the live ones. */
class ReplayTest {

    private static final List<String> GROUPS =
            List.of(TenantProjection.GROUP, EscalationProjection.GROUP, AuditChainProjection.GROUP);

    @Test
    void projectionsRebuiltFromTheEventLogEqualTheLiveOnes() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase()) {
            HttpJson operator = app.as("operator");
            for (String tenant : new String[] {"acme", "globex"}) {
                operator.post("/api/v1/tenants", """
                        {"tenantId":"%s","displayName":"%s","escalationSla":"PT4H","reviewSampleRate":0.05}
                        """.formatted(tenant, tenant));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> app.dsl().fetchCount(TENANT) == 2);
            operator.put("/api/v1/tenants/acme/settings",
                    "{\"displayName\":\"Acme Corp\",\"escalationSla\":\"PT2H\",\"reviewSampleRate\":0.2}");
            for (int i = 0; i < 6; i++) {
                String id = operator.post("/api/v1/escalations", """
                        {"tenantId":"%s","taskId":"t-%d","reason":"risk","risk":0.7}
                        """.formatted(i % 2 == 0 ? "acme" : "globex", i)).json().get("escalationId").asText();
                if (i % 3 != 0) {
                    operator.post("/api/v1/escalations/" + id + "/assignment", "{\"assignee\":\"operator\"}");
                }
                if (i % 3 == 2) {
                    operator.post("/api/v1/escalations/" + id + "/resolution", "{\"verdict\":\"GROUNDED\"}");
                }
            }
            int events = app.dsl().fetchCount(io.flk.db.Tables.DOMAIN_EVENT_ENTRY);
            await().atMost(Duration.ofSeconds(10)).until(() -> app.dsl().fetchCount(AUDIT_CHAIN) == events);
            await().atMost(Duration.ofSeconds(10)).until(() -> app.dsl().fetchCount(ESCALATION,
                    ESCALATION.STATUS.eq("RESOLVED")) == 2);
            Result<?> liveTenants = snapshot(app.dsl(), TENANT);
            Result<?> liveEscalations = snapshot(app.dsl(), ESCALATION);
            Result<?> liveChain = snapshot(app.dsl(), AUDIT_CHAIN);
            assertThat(liveEscalations).hasSize(6);

            Configuration axon = app.bean(Configuration.class);
            for (String group : GROUPS) {
                StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                        .eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
                processor.shutDown();
                processor.resetTokens();
                processor.start();
            }

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(snapshot(app.dsl(), TENANT)).isEqualTo(liveTenants);
                assertThat(snapshot(app.dsl(), ESCALATION)).isEqualTo(liveEscalations);
                assertThat(snapshot(app.dsl(), AUDIT_CHAIN)).isEqualTo(liveChain);
            });
        }
    }

    private static Result<?> snapshot(DSLContext dsl, Table<?> table) {
        return dsl.selectFrom(table).orderBy(table.getPrimaryKey().getFields().toArray(org.jooq.Field[]::new))
                .fetch();
    }
}
