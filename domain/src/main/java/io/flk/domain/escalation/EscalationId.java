package io.flk.domain.escalation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flk.domain.shared.InvalidValue;
import java.util.UUID;
import java.util.regex.Pattern;

/** An escalation: {@code e-} followed by a UUID. Its value is also its aggregate identity. */
public record EscalationId(@JsonValue String value) {

    private static final Pattern FORMAT =
            Pattern.compile("e-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @JsonCreator
    public EscalationId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValue("escalationId", "escalationId must look like e-<uuid>");
        }
    }

    public static EscalationId of(String value) {
        return new EscalationId(value);
    }

    public static EscalationId random() {
        return new EscalationId("e-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
