package io.flk.projections.hrs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jooq.JSON;

/**
 * The jsonb columns of the HRS read models and of simulation runs, written and read with the application's
 * {@link ObjectMapper}: the values hold {@code Instant}s, which only a mapper with the Java time module (the one
 * Spring configures) writes.
 */
public final class JsonColumn {

    private final ObjectMapper mapper;

    public JsonColumn(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public JSON write(Object value) {
        try {
            return JSON.valueOf(mapper.writeValueAsString(value));
        } catch (JsonProcessingException unwritable) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON",
                    unwritable);
        }
    }

    /** @param what names the row in the error, e.g. {@code model acme/hrs-3} */
    public <T> T read(JSON column, Class<T> type, String what) {
        try {
            return mapper.readValue(column.data(), type);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("stored " + what + " is not readable", unreadable);
        }
    }
}
