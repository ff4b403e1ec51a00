package io.flk.domain.escalation;

import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;

public final class EscalationQueries {

    private EscalationQueries() {
    }

    public record FindEscalation(EscalationId escalationId) {
    }

    /** The queue of one tenant, oldest first; {@code status} null means every status. */
    public record FetchEscalationQueue(TenantId tenantId, EscalationStatus status, int limit) {
    }

    public record EscalationView(String escalationId, String tenantId, String taskId, String reason, Double risk,
                                 EscalationStatus status, String assignee, Verdict verdict, String reviewer,
                                 Instant openedAt, Instant slaDueAt, boolean slaBreached, Instant resolvedAt,
                                 long version) {
    }

    public record EscalationQueue(List<EscalationView> escalations) {
    }

    /** Open (unresolved) escalations per tenant, for the {@code flk_escalations_open} gauge. */
    public record CountOpenEscalationsPerTenant() {
    }

    public record OpenEscalationCount(String tenantId, long open) {
    }

    public record OpenEscalationCounts(List<OpenEscalationCount> counts) {
    }
}
