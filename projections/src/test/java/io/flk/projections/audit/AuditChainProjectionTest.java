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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chain is computed from the stored rows with the documented recipe, recomputed here independently
 * with MessageDigest; it follows the log's order even when commits overtake each other; and the verifier
 * finds a payload changed behind the write-once trigger.
 */
class AuditChainProjectionTest {

    private static final Instant STORED_AT = Instant.parse("2026-11-27T10:00:00Z");
    private static final long GAP_TIMEOUT_MS = 60_000;

    private final TestDatabase db = TestDatabase.get();
    private final DSLContext dsl = db.dsl();
    /** Ten seconds after the events were stored: a hole before them may still fill. */
    private final AuditChainProjection projection = projectionAt(STORED_AT.plusSeconds(10));
    private final AuditChainVerifier verifier = new AuditChainVerifier(dsl);

    /** Other tests of this module store events too: each test starts from an empty log, as a new install does. */
    @BeforeEach
    void emptyLog() throws SQLException {
        asReplica(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("delete from domain_event_entry");
                statement.execute("delete from audit_chain");
                statement.execute("alter sequence domain_event_entry_global_index_seq restart with 1");
            }
        });
    }

    @Test
    void linksEachStoredEventToThePreviousOneWithTheDocumentedRecipe() throws Exception {
        for (int i = 0; i < 5; i++) {
            deliver(projection, storeEvent(i).eventId());
        }
        String prev = "0".repeat(64);
        List<AuditChainRecord> links = chain();
        assertThat(links).hasSize(5);
        for (int i = 0; i < links.size(); i++) {
            AuditChainRecord link = links.get(i);
            assertThat(link.getChainPosition()).isEqualTo(i + 1);
            assertThat(link.getPrevHash()).isEqualTo(prev);
            assertThat(link.getPayloadSha256()).isEqualTo(sha256(payload(i)));
            String text = String.join("\n", prev, Long.toString(link.getGlobalIndex()), link.getEventId(),
                    link.getEventType(), link.getAggregateId(), link.getTimeStamp(), link.getPayloadSha256());
            assertThat(link.getHash()).isEqualTo(sha256(text.getBytes(StandardCharsets.UTF_8)));
            prev = link.getHash();
        }
    }

    @Test
    void anEventAlreadyChainedIsNotChainedAgain() throws Exception {
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stored.add(storeEvent(i));
            deliver(projection, stored.get(i).eventId());
        }
        deliver(projection, stored.get(1).eventId());
        assertThat(chain()).hasSize(3);
    }

    @Test
    void eventsCommittedBeforeAnEarlierIndexWaitForItAndAreChainedInTheLogsOrder() throws Exception {
        Stored first = storeEvent(0);
        deliver(projection, first.eventId());
        try (Connection held = db.dataSource().getConnection()) {
            held.setAutoCommit(false);
            Stored overtaken = storeEvent(held, 1);
            Stored overtaking = storeEvent(2);
            deliver(projection, overtaking.eventId());
            assertThat(chain()).extracting(AuditChainRecord::getGlobalIndex).containsExactly(first.globalIndex());

            held.commit();
            deliver(projection, overtaken.eventId());
            assertThat(chain()).extracting(AuditChainRecord::getGlobalIndex)
                    .containsExactly(first.globalIndex(), overtaken.globalIndex(), overtaking.globalIndex());
        }
    }

    @Test
    void aHoleLeftByARolledBackInsertIsPassedOnceOlderThanTheGapTimeout() throws Exception {
        Stored first = storeEvent(0);
        try (Connection rolledBack = db.dataSource().getConnection()) {
            rolledBack.setAutoCommit(false);
            storeEvent(rolledBack, 1);
            rolledBack.rollback();
        }
        Stored afterHole = storeEvent(2);
        deliver(projection, afterHole.eventId());
        assertThat(chain()).extracting(AuditChainRecord::getGlobalIndex).containsExactly(first.globalIndex());

        projectionAt(STORED_AT.plusMillis(GAP_TIMEOUT_MS + 1)).chainSettledEvents();
        assertThat(chain()).extracting(AuditChainRecord::getGlobalIndex)
                .containsExactly(first.globalIndex(), afterHole.globalIndex());
    }

    @Test
    void anEventCommittedAfterItsHoleSettledIsAppendedRatherThanLeftOut() throws Exception {
        AuditChainProjection muchLater = projectionAt(STORED_AT.plusMillis(GAP_TIMEOUT_MS + 1));
        try (Connection held = db.dataSource().getConnection()) {
            held.setAutoCommit(false);
            Stored late = storeEvent(held, 0);
            Stored overtaking = storeEvent(1);
            deliver(muchLater, overtaking.eventId());
            held.commit();
            deliver(muchLater, late.eventId());
            List<AuditChainRecord> links = chain();
            assertThat(links).extracting(AuditChainRecord::getGlobalIndex)
                    .containsExactly(overtaking.globalIndex(), late.globalIndex());
            assertThat(links.get(1).getPrevHash()).isEqualTo(links.get(0).getHash());
        }
        assertThat(verifier.handle(new VerifyAuditChain()).intact()).isTrue();
    }

    /** However far behind the chain is, a transaction links one read of it: 500 events. */
    @Test
    void aBacklogIsChainedOneReadAtATimeInTheLogsOrder() throws Exception {
        try (Connection connection = db.dataSource().getConnection();
             Statement insert = connection.createStatement()) {
            insert.execute("""
                    insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                        payload, payload_type, time_stamp)
                    select 'agg-' || n, 0, 'Test', md5('event-' || n), convert_to('{"n":' || n || '}', 'UTF8'),
                           'test.Happened', '%s'
                      from generate_series(0, 1233) n""".formatted(STORED_AT));
        }
        List<Integer> chainedPerCall = new ArrayList<>();
        for (int chained = projection.chainSettledEvents(); chained > 0; chained = projection.chainSettledEvents()) {
            chainedPerCall.add(chained);
        }
        assertThat(chainedPerCall).containsExactly(500, 500, 234);
        List<AuditChainRecord> links = chain();
        assertThat(links).extracting(AuditChainRecord::getGlobalIndex).hasSize(1234).isSorted();
        assertThat(links.get(1233).getChainPosition()).isEqualTo(1234);
        assertThat(verifier.handle(new VerifyAuditChain()).intact()).isTrue();
    }

    @Test
    void verificationPassesOnTheUntouchedLogAndNamesTheFirstAlteredEvent() throws Exception {
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stored.add(storeEvent(i));
        }
        projection.chainSettledEvents();
        AuditChainVerification intact = verifier.handle(new VerifyAuditChain());
        assertThat(intact.intact()).isTrue();
        assertThat(intact.checkedLinks()).isEqualTo(5);

        long altered = stored.get(3).globalIndex();
        asReplica(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update domain_event_entry set payload = ? where global_index = ?")) {
                update.setBytes(1, "{\"n\":999}".getBytes(StandardCharsets.UTF_8));
                update.setLong(2, altered);
                update.executeUpdate();
            }
        });

        AuditChainVerification broken = verifier.handle(new VerifyAuditChain());
        assertThat(broken.intact()).isFalse();
        assertThat(broken.firstBrokenGlobalIndex()).isEqualTo(altered);
        assertThat(broken.firstBrokenChainPosition()).isEqualTo(4);
        assertThat(broken.checkedLinks()).isEqualTo(3);
    }

    private AuditChainProjection projectionAt(Instant now) {
        return new AuditChainProjection(dsl, Clock.fixed(now, ZoneOffset.UTC), GAP_TIMEOUT_MS);
    }

    private static void deliver(AuditChainProjection projection, String eventId) {
        projection.on(new Object(), new GenericEventMessage<>(
                new GenericMessage<>(eventId, "payload", MetaData.emptyInstance()), () -> STORED_AT));
    }

    private List<AuditChainRecord> chain() {
        return dsl.selectFrom(AUDIT_CHAIN).orderBy(AUDIT_CHAIN.CHAIN_POSITION).fetch();
    }

    private record Stored(String eventId, long globalIndex) {
    }

    private Stored storeEvent(int n) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            return storeEvent(connection, n);
        }
    }

    private static Stored storeEvent(Connection connection, int n) throws SQLException {
        String eventId = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    payload, payload_type, time_stamp)
                values (?, 0, 'Test', ?, ?, 'test.Happened', ?) returning global_index
                """)) {
            insert.setString(1, "agg-" + eventId);
            insert.setString(2, eventId);
            insert.setBytes(3, payload(n));
            insert.setString(4, STORED_AT.toString());
            try (var generated = insert.executeQuery()) {
                generated.next();
                return new Stored(eventId, generated.getLong(1));
            }
        }
    }

    private static byte[] payload(int n) {
        return ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
    }

    private interface ConnectionWork {
        void run(Connection connection) throws SQLException;
    }

    /** With triggers off, as someone with superuser rights could do behind the write-once trigger. */
    private void asReplica(ConnectionWork work) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = replica");
            }
            try {
                work.run(connection);
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET session_replication_role = DEFAULT");
                }
            }
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
