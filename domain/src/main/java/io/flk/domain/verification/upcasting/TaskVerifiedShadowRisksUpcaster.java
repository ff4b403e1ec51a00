package io.flk.domain.verification.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code TaskVerified} revision 1 to 2: decisions recorded before HRS shadows existed had no shadow scores, which
 * revision 2 states explicitly as an empty {@code hrsShadowRisks}.
 */
public final class TaskVerifiedShadowRisksUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TaskVerified.class.getName(), "1");
    private static final String REVISION_2 = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TaskVerified.class.getName(), REVISION_2),
                JsonNode.class, TaskVerifiedShadowRisksUpcaster::addEmptyShadowRisks);
    }

    private static JsonNode addEmptyShadowRisks(JsonNode payload) {
        if (payload instanceof ObjectNode object && !object.has("hrsShadowRisks")) {
            object.putObject("hrsShadowRisks");
        }
        return payload;
    }
}
