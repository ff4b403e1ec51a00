package io.flk.domain.hrs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flk.domain.shared.InvalidValue;
import java.util.UUID;
import java.util.regex.Pattern;

/** One HRS training job: {@code tr-} followed by a UUID. Its value is also its aggregate identity. */
public record TrainingId(@JsonValue String value) {

    private static final Pattern FORMAT =
            Pattern.compile("tr-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @JsonCreator
    public TrainingId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValue("trainingId", "trainingId must look like tr-<uuid>");
        }
    }

    public static TrainingId of(String value) {
        return new TrainingId(value);
    }

    public static TrainingId random() {
        return new TrainingId("tr-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
