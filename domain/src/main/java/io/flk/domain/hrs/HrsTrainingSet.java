package io.flk.domain.hrs;

import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/** The labelled, PI-safe rows of a tenant, by the time the task was verified: [from, to). */
public interface HrsTrainingSet {

    /** @param nanRows rows holding a feature that is NaN or infinite, which a training refuses */
    record WindowStats(int rows, int hallucinated, int nanRows, Long firstNanVerifiedEventIndex) {
    }

    WindowStats stats(TenantId tenantId, Instant from, Instant to);

    /** Ordered by the verified event's global index. */
    List<TrainingRow> rows(TenantId tenantId, Instant from, Instant to);
}
