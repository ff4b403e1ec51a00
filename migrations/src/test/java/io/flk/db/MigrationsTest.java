package io.flk.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.db.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    private final TestDatabase db = TestDatabase.get();

    @Test
    void storesPayloadsAsByteaNeverAsLargeObjects() {
        var payloadTypes = db.dsl().fetch("""
                select table_name, column_name, data_type from information_schema.columns
                where column_name in ('payload', 'meta_data', 'token', 'serialized_saga', 'diagnostics', 'task_data')
                """);
        assertThat(payloadTypes).isNotEmpty();
        assertThat(payloadTypes.getValues("data_type", String.class)).containsOnly("bytea");
    }

    @Test
    void globalIndexSequenceHandsOutOneValueAtATime() {
        Object cache = db.dsl().fetchValue(
                "select cache_size from pg_sequences where sequencename = 'domain_event_entry_global_index_seq'");
        assertThat(((Number) cache).longValue()).isEqualTo(1L);
    }

    @Test
    void rejectsUpdateDeleteAndTruncateOfStoredEvents() throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                        payload, payload_type, time_stamp) values ('worm-agg', 0, 'Test', 'worm-event', ?, 'test.Payload', '2026-01-01T00:00:00Z')
                    """)) {
                insert.setBytes(1, "{}".getBytes());
                insert.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.executeUpdate(
                        "update domain_event_entry set payload_type = 'x' where event_identifier = 'worm-event'"))
                        .hasMessageContaining("write-once");
                assertThatThrownBy(() -> statement.executeUpdate(
                        "delete from domain_event_entry where event_identifier = 'worm-event'"))
                        .hasMessageContaining("write-once");
                assertThatThrownBy(() -> statement.executeUpdate("truncate domain_event_entry"))
                        .hasMessageContaining("write-once");
            }
        }
        assertThat(db.dsl().fetchCount(io.flk.db.Tables.DOMAIN_EVENT_ENTRY,
                io.flk.db.Tables.DOMAIN_EVENT_ENTRY.EVENT_IDENTIFIER.eq("worm-event"))).isEqualTo(1);
    }
}
