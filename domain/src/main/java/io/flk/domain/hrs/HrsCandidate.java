package io.flk.domain.hrs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flk.domain.shared.InvalidValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The model families a training may try, by their API id, which is also how events and views name them. */
public enum HrsCandidate {
    LOGISTIC_REGRESSION("logistic-regression"),
    GRADIENT_BOOSTED_TREES("gradient-boosted-trees"),
    MLP("mlp");

    private final String id;

    HrsCandidate(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    static HrsCandidate fromJson(String id) {
        return fromId(id, "candidate");
    }

    /** @param field the request field to blame, e.g. {@code candidates[2]} */
    public static HrsCandidate fromId(String id, String field) {
        for (HrsCandidate candidate : values()) {
            if (candidate.id.equals(id)) {
                return candidate;
            }
        }
        throw new InvalidValue(field, "unknown candidate '" + id + "'; known: "
                + Arrays.stream(values()).map(HrsCandidate::id).collect(Collectors.joining(", ")));
    }
}
