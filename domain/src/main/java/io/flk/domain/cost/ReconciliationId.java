package io.flk.domain.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flk.domain.shared.InvalidValue;
import java.util.UUID;
import java.util.regex.Pattern;

/** One reconciliation run: {@code r-} followed by a UUID; also its aggregate identity. */
public record ReconciliationId(@JsonValue String value) {

    private static final Pattern FORMAT =
            Pattern.compile("r-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @JsonCreator
    public ReconciliationId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValue("reconciliationId", "reconciliationId must look like r-<uuid>");
        }
    }

    public static ReconciliationId random() {
        return new ReconciliationId("r-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
