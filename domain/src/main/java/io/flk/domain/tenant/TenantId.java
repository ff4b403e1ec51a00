package io.flk.domain.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flk.domain.shared.Ids;

/** A tenant of the platform. {@link #toString()} is its aggregate identity in the event store. */
public record TenantId(@JsonValue String value) {

    @JsonCreator
    public TenantId {
        Ids.requireSlug(value, "tenantId");
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return "tenant:" + value;
    }
}
