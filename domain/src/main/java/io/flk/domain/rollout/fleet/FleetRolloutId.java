package io.flk.domain.rollout.fleet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/** One rollout to many tenants: {@code fro-} and a UUID. Its {@link #toString()} is the saga association value. */
public record FleetRolloutId(@JsonValue String value) {

    private static final Pattern FORMAT =
            Pattern.compile("fro-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @JsonCreator
    public FleetRolloutId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValue("fleetRolloutId", "fleetRolloutId must look like fro-<uuid>");
        }
    }

    public static FleetRolloutId of(String value) {
        return new FleetRolloutId(value);
    }

    public static FleetRolloutId random() {
        return new FleetRolloutId("fro-" + UUID.randomUUID());
    }

    /**
     * The id of this fleet rollout's rollout on {@code tenant}: derived, not random, so that a wave released again
     * after a crash names the rollouts it already started instead of starting others.
     */
    public RolloutId memberRolloutId(TenantId tenant) {
        byte[] name = (value + "/" + tenant.value()).getBytes(StandardCharsets.UTF_8);
        return RolloutId.of("ro-" + UUID.nameUUIDFromBytes(name));
    }

    @Override
    public String toString() {
        return value;
    }
}
