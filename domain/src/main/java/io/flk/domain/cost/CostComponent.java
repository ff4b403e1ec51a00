package io.flk.domain.cost;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a recorded dollar paid for; {@link #id()} is the name in metrics, read models and events. */
public enum CostComponent {
    /** The LLM call the data plane reports with the task. */
    LLM("llm"),
    /** The verification strategies, priced by the cost model. */
    VERIFICATION("verification"),
    /** A human label (escalation resolved or sampled review). */
    HUMAN_REVIEW("review");

    private final String id;

    CostComponent(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public static CostComponent of(String id) {
        for (CostComponent component : values()) {
            if (component.id.equals(id)) {
                return component;
            }
        }
        throw new IllegalArgumentException("unknown cost component " + id);
    }
}
