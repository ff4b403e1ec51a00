package io.flk.projections.simulation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flk.db.testing.TestDatabase;
import io.flk.domain.verification.TaskEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.serialization.Revision;

/**
 * Task events stored as Axon's JDBC engine stores them for the application: the task's aggregate stream, the
 * payload serialized by a mapper configured as the application's (Java time, ISO dates, nulls left out), the
 * revision from {@link Revision} and the timestamp in Axon's format.
 */
final class StoredTaskEvents {

    static final ObjectMapper APPLICATION_MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private StoredTaskEvents() {
    }

    static void store(TaskEvent event, long sequence, Instant storedAt) {
        try {
            byte[] payload = APPLICATION_MAPPER.writeValueAsBytes(event);
            store(event, sequence, storedAt, event.getClass().getAnnotation(Revision.class).value(), payload);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores revision 1 of a {@code TaskVerified}: the same JSON without {@code hrsShadowRisks}. */
    static void storeRevision1(TaskEvent.TaskVerified event, Instant storedAt) {
        ObjectNode json = APPLICATION_MAPPER.valueToTree(event);
        json.remove("hrsShadowRisks");
        json.putNull("escalationId");
        json.putNull("budgetHardCap");
        store(event, 0, storedAt, "1", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void store(TaskEvent event, long sequence, Instant storedAt, String revision, byte[] payload) {
        try (Connection connection = TestDatabase.get().dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry "
                     + "(aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload, "
                     + "payload_revision, payload_type, time_stamp) VALUES (?, ?, 'VerifiedTask', ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, event.task().toString());
            insert.setLong(2, sequence);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setBytes(5, payload);
            insert.setString(6, revision);
            insert.setString(7, event.getClass().getName());
            insert.setString(8, DateTimeUtils.formatInstant(storedAt));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
