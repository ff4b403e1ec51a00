package io.flk.api.cost;

import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.Vote;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Recorded verification costs as the hot path's TaskVerified events carry them, built by the tests. */
public final class CostEvents {

    private CostEvents() {
    }

    public static TaskVerified verified(String tenantId, double llmUsd, double hrsUsd, double microVoteUsd, Instant at) {
        return new TaskVerified(TenantId.of(tenantId), "t-" + UUID.randomUUID(), "gpt-4o", 1, false, Decision.PASS,
                0.1, List.of(new StrategyVerdict(StrategyName.HRS, 0.9, Vote.GROUNDED, 100, hrsUsd, false, false, "v1"),
                        new StrategyVerdict(StrategyName.MICRO_VOTE, 0.8, Vote.GROUNDED, 800, microVoteUsd, false,
                                false, "v1")),
                Map.of(), Map.of(), llmUsd, hrsUsd + microVoteUsd, null, 1_000, at, null, Map.of());
    }
}
