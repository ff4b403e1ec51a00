package io.flk.compliance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Streams {@code audit_chain} joined to {@code domain_event_entry} in chain_position order through a
 * server-side cursor (autocommit off, a fetch size), so that a chain of any length is read in constant
 * memory. The caller's connection is used in one read-only, repeatable-read transaction: the chain and the
 * count of unchained events come from the same snapshot.
 */
final class AuditChainReader {

    private static final String CHAIN = """
            SELECT c.chain_position, c.global_index, c.event_id, c.event_type, c.aggregate_id, c.time_stamp,
                   c.payload_sha256, c.prev_hash, c.hash,
                   e.global_index AS stored_global_index, e.event_identifier, e.payload_type,
                   e.aggregate_identifier, e.time_stamp AS stored_time_stamp, e.payload
              FROM audit_chain c
              LEFT JOIN domain_event_entry e ON e.global_index = c.global_index
             ORDER BY c.chain_position""";

    private static final String UNCHAINED = """
            SELECT count(*) FROM domain_event_entry e
             WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.global_index = e.global_index)""";

    private final int fetchSize;

    AuditChainReader(int fetchSize) {
        this.fetchSize = fetchSize;
    }

    /** What one pass over the chain found. */
    record Result(ChainCheck check, long links, long unchainedEvents) {
    }

    /**
     * Checks every link, handing each one to {@code eachLink} as well (the CSV export), even past a broken
     * link: an export is the evidence and must be complete.
     */
    Result read(Connection connection, Consumer<ChainLink> eachLink) throws SQLException {
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            long unchained = unchainedEvents(connection);
            ChainCheck check = new ChainCheck();
            long links = 0;
            try (PreparedStatement select = connection.prepareStatement(CHAIN, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                select.setFetchSize(fetchSize);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ChainLink link = link(rows);
                        check.accept(link, storedEvent(rows));
                        eachLink.accept(link);
                        links++;
                    }
                }
            }
            return new Result(check, links, unchained);
        } finally {
            connection.rollback();
        }
    }

    private static long unchainedEvents(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(UNCHAINED);
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static ChainLink link(ResultSet rows) throws SQLException {
        return new ChainLink(rows.getLong("chain_position"), rows.getLong("global_index"),
                rows.getString("event_id"), rows.getString("event_type"), rows.getString("aggregate_id"),
                rows.getString("time_stamp"), rows.getString("payload_sha256"), rows.getString("prev_hash"),
                rows.getString("hash"));
    }

    private static StoredEvent storedEvent(ResultSet rows) throws SQLException {
        rows.getLong("stored_global_index");
        if (rows.wasNull()) {
            return null;
        }
        return new StoredEvent(rows.getString("event_identifier"), rows.getString("payload_type"),
                rows.getString("aggregate_identifier"), rows.getString("stored_time_stamp"),
                rows.getBytes("payload"));
    }

    /** Lets a CSV writer's IOException through a Consumer; unwrapped by the command. */
    static Consumer<ChainLink> writingTo(ChainCsv csv) {
        return link -> {
            try {
                csv.write(link);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
