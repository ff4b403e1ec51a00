package io.flk.projections.audit;

import static io.flk.db.Tables.AUDIT_CHAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.tables.records.AuditChainRecord;
import io.flk.db.testing.TestDatabase;
import io.flk.domain.audit.AuditQueries.AuditChainVerification;
import io.flk.domain.audit.AuditQueries.VerifyAuditChain;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.jooq.DSLContext;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chain is computed from the stored rows with the documented recipe, recomputed here independently
 * with MessageDigest, and the verifier finds a payload changed behind the write-once trigger.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditChainProjectionTest {

    private static final List<Long> chained = new ArrayList<>();

    private final TestDatabase db = TestDatabase.get();
    private final DSLContext dsl = db.dsl();
    private final AuditChainProjection projection = new AuditChainProjection(dsl);
    private final AuditChainVerifier verifier = new AuditChainVerifier(dsl);

    @Test
    @Order(1)
    void linksEachStoredEventToThePreviousOneWithTheDocumentedRecipe() throws Exception {
        for (int i = 0; i < 5; i++) {
            String eventId = UUID.randomUUID().toString();
            chained.add(storeEvent("agg-" + i, eventId, "{\"n\":" + i + "}"));
            projection.on(new Object(), new GenericEventMessage<>(
                    new org.axonframework.messaging.GenericMessage<>(eventId, "payload", MetaData.emptyInstance()),
                    java.time.Instant::now));
        }
        String prev = "0".repeat(64);
        List<AuditChainRecord> links = dsl.selectFrom(AUDIT_CHAIN).orderBy(AUDIT_CHAIN.CHAIN_POSITION).fetch();
        assertThat(links).hasSize(5);
        for (int i = 0; i < links.size(); i++) {
            AuditChainRecord link = links.get(i);
            assertThat(link.getChainPosition()).isEqualTo(i + 1);
            assertThat(link.getPrevHash()).isEqualTo(prev);
            assertThat(link.getPayloadSha256()).isEqualTo(sha256(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            String text = String.join("\n", prev, Long.toString(link.getGlobalIndex()), link.getEventId(),
                    link.getEventType(), link.getAggregateId(), link.getTimeStamp(), link.getPayloadSha256());
            assertThat(link.getHash()).isEqualTo(sha256(text.getBytes(StandardCharsets.UTF_8)));
            prev = link.getHash();
        }
    }

    @Test
    @Order(2)
    void anEventAlreadyChainedIsNotChainedAgain() {
        String eventId = dsl.select(AUDIT_CHAIN.EVENT_ID).from(AUDIT_CHAIN).where(AUDIT_CHAIN.CHAIN_POSITION.eq(3L))
                .fetchSingle().value1();
        projection.on(new Object(), new GenericEventMessage<>(
                new org.axonframework.messaging.GenericMessage<>(eventId, "payload", MetaData.emptyInstance()),
                java.time.Instant::now));
        assertThat(dsl.fetchCount(AUDIT_CHAIN)).isEqualTo(5);
    }

    @Test
    @Order(3)
    void verificationPassesOnTheUntouchedLogAndNamesTheFirstAlteredEvent() throws Exception {
        AuditChainVerification intact = verifier.handle(new VerifyAuditChain());
        assertThat(intact.intact()).isTrue();
        assertThat(intact.checkedLinks()).isEqualTo(5);

        long altered = chained.get(3);
        try (Connection connection = db.dataSource().getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = replica");
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update domain_event_entry set payload = ? where global_index = ?")) {
                update.setBytes(1, "{\"n\":999}".getBytes(StandardCharsets.UTF_8));
                update.setLong(2, altered);
                update.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = DEFAULT");
            }
        }

        AuditChainVerification broken = verifier.handle(new VerifyAuditChain());
        assertThat(broken.intact()).isFalse();
        assertThat(broken.firstBrokenGlobalIndex()).isEqualTo(altered);
        assertThat(broken.firstBrokenChainPosition()).isEqualTo(4);
        assertThat(broken.checkedLinks()).isEqualTo(3);
    }

    private long storeEvent(String aggregateId, String eventId, String payload) throws Exception {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                         payload, payload_type, time_stamp)
                     values (?, 0, 'Test', ?, ?, 'test.Happened', '2026-11-27T10:00:00Z') returning global_index
                     """)) {
            insert.setString(1, aggregateId + "-" + eventId);
            insert.setString(2, eventId);
            insert.setBytes(3, payload.getBytes(StandardCharsets.UTF_8));
            try (var generated = insert.executeQuery()) {
                generated.next();
                return generated.getLong(1);
            }
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
