package io.flk.api.testing;

import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The event store as an auditor reads it: events of every aggregate in the order they were stored (global
 * index), deserialized into their records, so that a test asserts the numbers an event carries and the order of
 * events recorded by different aggregates.
 */
public final class EventLog {

    private final DSLContext dsl;
    private final Serializer serializer;

    /** @param serializer the application's {@code eventSerializer} */
    public EventLog(DSLContext dsl, Serializer serializer) {
        this.dsl = dsl;
        this.serializer = serializer;
    }

    /**
     * One stored event.
     *
     * @param storedAt when the event message was created, i.e. when the aggregate applied it
     */
    public record Logged(long globalIndex, String aggregateIdentifier, Instant storedAt, Object payload) {

        public boolean is(Class<?> type) {
            return type.isInstance(payload);
        }

        public <T> T as(Class<T> type) {
            return type.cast(payload);
        }
    }

    /** Every event whose serialized payload contains {@code text} (a rollout, tenant or task id), oldest first. */
    public List<Logged> mentioning(String text) {
        return read(payloadContains(text));
    }

    /** The payloads of one type that contain {@code text}, oldest first. */
    public <T> List<T> mentioning(Class<T> type, String text) {
        return read(DOMAIN_EVENT_ENTRY.PAYLOAD_TYPE.eq(type.getName()).and(payloadContains(text))).stream()
                .map(logged -> logged.as(type)).toList();
    }

    private List<Logged> read(Condition condition) {
        return dsl.select(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX, DOMAIN_EVENT_ENTRY.AGGREGATE_IDENTIFIER,
                        DOMAIN_EVENT_ENTRY.TIME_STAMP, DOMAIN_EVENT_ENTRY.PAYLOAD_TYPE,
                        DOMAIN_EVENT_ENTRY.PAYLOAD_REVISION, DOMAIN_EVENT_ENTRY.PAYLOAD)
                .from(DOMAIN_EVENT_ENTRY)
                .where(condition)
                .orderBy(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX)
                .fetch(this::logged);
    }

    private Logged logged(Record row) {
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(row.get(DOMAIN_EVENT_ENTRY.PAYLOAD),
                byte[].class, new SimpleSerializedType(row.get(DOMAIN_EVENT_ENTRY.PAYLOAD_TYPE),
                row.get(DOMAIN_EVENT_ENTRY.PAYLOAD_REVISION))));
        return new Logged(row.get(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX), row.get(DOMAIN_EVENT_ENTRY.AGGREGATE_IDENTIFIER),
                Instant.parse(row.get(DOMAIN_EVENT_ENTRY.TIME_STAMP)), payload);
    }

    private static Condition payloadContains(String text) {
        return DSL.field("convert_from({0}, 'UTF8')", String.class, DOMAIN_EVENT_ENTRY.PAYLOAD).contains(text);
    }
}
