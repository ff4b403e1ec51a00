package io.flk.domain.verification;

import io.flk.domain.escalation.EscalationId;
import io.flk.domain.shared.Ids;
import io.flk.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A verified task: task ids are unique per tenant. {@link #toString()} is its aggregate identity, so the
 * event store's unique (aggregate, sequence) key is what makes a repeated task id record nothing new.
 */
public record TaskRef(TenantId tenantId, String taskId) {

    public TaskRef {
        Ids.requireExternal(taskId, "taskId");
    }

    public static TaskRef of(TenantId tenantId, String taskId) {
        return new TaskRef(tenantId, taskId);
    }

    /** The escalation a not-passed task opens; derived, so a retried task names the same escalation. */
    public EscalationId escalationId() {
        return EscalationId.of("e-" + UUID.nameUUIDFromBytes(toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "task:" + tenantId.value() + ":" + taskId;
    }
}
