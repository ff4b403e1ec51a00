package io.flk.domain.hrs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flk.domain.shared.InvalidValue;
import java.util.UUID;
import java.util.regex.Pattern;

/** A request to change a tenant's HRS routing, waiting for a second principal: {@code pr-} and a UUID. */
public record PromotionRequestId(@JsonValue String value) {

    private static final Pattern FORMAT =
            Pattern.compile("pr-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @JsonCreator
    public PromotionRequestId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValue("requestId", "requestId must look like pr-<uuid>");
        }
    }

    public static PromotionRequestId of(String value) {
        return new PromotionRequestId(value);
    }

    public static PromotionRequestId random() {
        return new PromotionRequestId("pr-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
