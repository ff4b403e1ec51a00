package io.flk.domain.verification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.flk.domain.shared.InvalidValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The verifiers an ensemble policy can enable; {@link #id()} is the name used in policies, metrics and events. */
public enum StrategyName {
    RAG_GROUNDING("rag-grounding"),
    MICRO_VOTE("micro-vote"),
    HRS("hrs");

    private final String id;

    StrategyName(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static StrategyName of(String id) {
        return Arrays.stream(values()).filter(name -> name.id.equals(id)).findFirst()
                .orElseThrow(() -> new InvalidValue("strategy", "unknown strategy '" + id + "'; known: "
                        + Arrays.stream(values()).map(StrategyName::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}
