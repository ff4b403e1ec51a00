package io.flk.domain.rollout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flk.domain.shared.InvalidValue;
import java.util.UUID;
import java.util.regex.Pattern;

/** One rollout: {@code ro-} and a UUID. Its {@link #toString()} is the saga association value. */
public record RolloutId(@JsonValue String value) {

    private static final Pattern FORMAT =
            Pattern.compile("ro-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @JsonCreator
    public RolloutId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValue("rolloutId", "rolloutId must look like ro-<uuid>");
        }
    }

    public static RolloutId of(String value) {
        return new RolloutId(value);
    }

    public static RolloutId random() {
        return new RolloutId("ro-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
