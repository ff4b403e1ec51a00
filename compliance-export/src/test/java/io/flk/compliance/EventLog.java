package io.flk.compliance;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.audit.AuditChainRecipe;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes events and their chain straight into the JVM's embedded PostgreSQL, the way Axon and the audit
 * projection store them, and tampers with them the way a superuser could. This module owns that database
 * in its test JVM, so each test starts from an empty event log.
 */
final class EventLog {

    static final String EVENT_TYPE = "io.flk.domain.tenant.TenantEvent$TenantRegistered";

    /** One stored event as the test wrote it. */
    record Event(long globalIndex, String eventId, String eventType, String aggregateId, String timeStamp,
                 byte[] payload) {
    }

    private EventLog() {
    }

    static String jdbcUrl() {
        return TestDatabase.get().jdbcUrl();
    }

    /**
     * Empties the event log and the chain. The write-once triggers forbid that to everyone, so it runs the
     * way an attacker would: as superuser with triggers off for the session.
     */
    static void reset() {
        asSuperuserWithoutTriggers("TRUNCATE audit_chain, domain_event_entry");
    }

    /** {@code count} events with global indexes from {@code firstGlobalIndex}, one aggregate each. */
    static List<Event> appendEvents(long firstGlobalIndex, int count) {
        List<Event> events = new ArrayList<>();
        Instant start = Instant.parse("2026-01-05T09:00:00.123Z");
        for (int i = 0; i < count; i++) {
            long globalIndex = firstGlobalIndex + i;
            String tenant = "tenant-" + globalIndex;
            events.add(new Event(globalIndex, UUID.randomUUID().toString(), EVENT_TYPE, "tenant:" + tenant,
                    start.plusSeconds(i).toString(),
                    ("{\"tenantId\":\"" + tenant + "\",\"displayName\":\"T\u00e9nant " + i + "\"}")
                            .getBytes(StandardCharsets.UTF_8)));
        }
        append(events);
        return events;
    }

    static void append(List<Event> events) {
        try (Connection connection = TestDatabase.get().dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                         event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                     VALUES (?, ?, 0, 'Tenant', ?, ?, ?, '1', ?, ?)""")) {
            for (Event event : events) {
                insert.setLong(1, event.globalIndex());
                insert.setString(2, event.aggregateId());
                insert.setString(3, event.eventId());
                insert.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
                insert.setBytes(5, event.payload());
                insert.setString(6, event.eventType());
                insert.setString(7, event.timeStamp());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Chains {@code events} in the given order, from chain_position 1, as the audit projection would. */
    static List<ChainLink> chain(List<Event> events) {
        List<ChainLink> links = new ArrayList<>();
        String prev = AuditChainRecipe.GENESIS_HASH;
        long position = 1;
        for (Event event : events) {
            String payloadSha256 = AuditChainRecipe.payloadSha256(event.payload());
            String hash = AuditChainRecipe.linkHash(prev, event.globalIndex(), event.eventId(), event.eventType(),
                    event.aggregateId(), event.timeStamp(), payloadSha256);
            links.add(new ChainLink(position++, event.globalIndex(), event.eventId(), event.eventType(),
                    event.aggregateId(), event.timeStamp(), payloadSha256, prev, hash));
            prev = hash;
        }
        try (Connection connection = TestDatabase.get().dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO audit_chain (chain_position, global_index, event_id, event_type, aggregate_id,
                         time_stamp, payload_sha256, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (ChainLink link : links) {
                insert.setLong(1, link.chainPosition());
                insert.setLong(2, link.globalIndex());
                insert.setString(3, link.eventId());
                insert.setString(4, link.eventType());
                insert.setString(5, link.aggregateId());
                insert.setString(6, link.timeStamp());
                insert.setString(7, link.payloadSha256());
                insert.setString(8, link.prevHash());
                insert.setString(9, link.hash());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return links;
    }

    /** Runs statements on a fresh superuser connection with triggers (the write-once ones) switched off. */
    static void asSuperuserWithoutTriggers(String... statements) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = replica");
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plain SQL as the application's own superuser connection, triggers on. */
    static void execute(String sql) {
        try (Connection connection = TestDatabase.get().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
