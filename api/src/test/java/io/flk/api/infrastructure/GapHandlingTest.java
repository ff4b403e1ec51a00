package io.flk.api.infrastructure;

import static io.flk.db.Tables.AUDIT_CHAIN;
import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;
import static io.flk.db.Tables.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.testing.IsolatedApplication;
import io.flk.domain.tenant.TenantEvent.TenantRegistered;
import io.flk.domain.tenant.TenantId;
import io.flk.projections.audit.AuditChainProjection;
import io.flk.domain.tenant.TenantSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md section 5: a committed event must never be skipped. A transaction takes a global index, stays
 * open while later events commit and are processed, then commits; every projection must still see it.
 */
class GapHandlingTest {

    @Test
    void anEventWhoseCommitIsDelayedPastLaterEventsStillReachesEveryProjection() throws Exception {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase()) {
            Serializer serializer = app.bean("eventSerializer", Serializer.class);
            TenantRegistered late = new TenantRegistered(TenantId.of("late"),
                    new TenantSettings("Late", Duration.ofHours(1), 0.1), "operator", Instant.now());
            String lateEventId = UUID.randomUUID().toString();

            try (Connection held = DriverManager.getConnection(app.jdbcUrl(), "postgres", "")) {
                held.setAutoCommit(false);
                long lateIndex = appendUncommitted(held, serializer, late, lateEventId);

                for (String tenant : new String[] {"early-one", "early-two"}) {
                    assertThat(app.as("operator").post("/api/v1/tenants", """
                            {"tenantId":"%s","displayName":"%s","escalationSla":"PT1H","reviewSampleRate":0.1}
                            """.formatted(tenant, tenant)).status()).isEqualTo(201);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> app.dsl().fetchCount(TENANT) == 2);
                long laterIndex = app.dsl().select(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX).from(DOMAIN_EVENT_ENTRY)
                        .where(DOMAIN_EVENT_ENTRY.AGGREGATE_IDENTIFIER.eq("tenant:early-two")).fetchSingle().value1();
                assertThat(laterIndex).as("the later events overtook the held one").isGreaterThan(lateIndex);
                await().atMost(Duration.ofSeconds(10)).until(() -> auditChainHasSeen(app, laterIndex));
                assertThat(app.dsl().fetchCount(AUDIT_CHAIN, AUDIT_CHAIN.GLOBAL_INDEX.gt(lateIndex)))
                        .as("the chain waits for the held index").isZero();

                held.commit();
            }

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(app.dsl().fetchExists(TENANT, TENANT.TENANT_ID.eq("late"))).isTrue();
                assertThat(app.dsl().fetchExists(AUDIT_CHAIN, AUDIT_CHAIN.EVENT_ID.eq(lateEventId))).isTrue();
            });
            assertThat(app.dsl().select(AUDIT_CHAIN.GLOBAL_INDEX).from(AUDIT_CHAIN)
                    .orderBy(AUDIT_CHAIN.CHAIN_POSITION).fetch(AUDIT_CHAIN.GLOBAL_INDEX))
                    .as("chained in the log's order, not the commits'").isSorted()
                    .hasSize(app.dsl().fetchCount(DOMAIN_EVENT_ENTRY));
            assertThat(app.as("auditor").get("/api/v1/audit/chain/verify").json().path("intact").asBoolean())
                    .isTrue();
        }
    }

    /**
     * A rolled-back insert leaves a hole that never fills. With a short gap timeout, the one event after it is
     * chained once the hole settles, by the sweep alone: no later event arrives to hand it to the processor.
     */
    @Test
    void anEventBehindARolledBackInsertIsChainedOnceTheHoleSettlesThoughNothingFollowsIt() throws Exception {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase("flk.axon.gap-timeout-ms=2000",
                "flk.audit.chain-sweep-interval=PT0.5S")) {
            Serializer serializer = app.bean("eventSerializer", Serializer.class);
            TenantRegistered never = new TenantRegistered(TenantId.of("never"),
                    new TenantSettings("Never", Duration.ofHours(1), 0.1), "operator", Instant.now());
            long holeIndex;
            try (Connection rolledBack = DriverManager.getConnection(app.jdbcUrl(), "postgres", "")) {
                rolledBack.setAutoCommit(false);
                holeIndex = appendUncommitted(rolledBack, serializer, never, UUID.randomUUID().toString());
                rolledBack.rollback();
            }
            assertThat(app.as("operator").post("/api/v1/tenants", """
                    {"tenantId":"after-hole","displayName":"After","escalationSla":"PT1H","reviewSampleRate":0.1}
                    """).status()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(15)).until(() -> app.dsl().fetchCount(AUDIT_CHAIN,
                    AUDIT_CHAIN.AGGREGATE_ID.eq("tenant:after-hole")) == 1);
            assertThat(app.dsl().fetchCount(DOMAIN_EVENT_ENTRY, DOMAIN_EVENT_ENTRY.GLOBAL_INDEX.gt(holeIndex)))
                    .as("nothing followed the tenant's event").isEqualTo(1);
            assertThat(app.dsl().fetchCount(AUDIT_CHAIN)).isEqualTo(app.dsl().fetchCount(DOMAIN_EVENT_ENTRY));
            assertThat(app.as("auditor").get("/api/v1/audit/chain/verify").json().path("intact").asBoolean())
                    .isTrue();
        }
    }

    private static boolean auditChainHasSeen(IsolatedApplication app, long globalIndex) {
        return app.bean(Configuration.class).eventProcessingConfiguration()
                .eventProcessor(AuditChainProjection.GROUP, StreamingEventProcessor.class).orElseThrow()
                .processingStatus().values().stream()
                .anyMatch(status -> status.getCurrentPosition().orElse(-1) >= globalIndex);
    }

    private static long appendUncommitted(Connection connection, Serializer serializer, TenantRegistered event,
                                          String eventId) throws Exception {
        SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(MetaData.emptyInstance(), byte[].class);
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                values (?, 0, 'Tenant', ?, ?, ?, ?, ?, ?) returning global_index
                """)) {
            insert.setString(1, event.tenantId().toString());
            insert.setString(2, eventId);
            insert.setBytes(3, metaData.getData());
            insert.setBytes(4, payload.getData());
            insert.setString(5, payload.getType().getRevision());
            insert.setString(6, payload.getType().getName());
            insert.setString(7, event.at().toString());
            try (ResultSet generated = insert.executeQuery()) {
                generated.next();
                return generated.getLong(1);
            }
        }
    }
}
