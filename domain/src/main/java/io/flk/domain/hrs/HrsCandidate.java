package io.flk.domain.hrs;

import io.flk.domain.shared.InvalidValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The model families a training may try, by their API id. */
public enum HrsCandidate {
    LOGISTIC_REGRESSION("logistic-regression"),
    GRADIENT_BOOSTED_TREES("gradient-boosted-trees"),
    MLP("mlp");

    private final String id;

    HrsCandidate(String id) {
        this.id = id;
    }

    public String id() {
        return id;
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
