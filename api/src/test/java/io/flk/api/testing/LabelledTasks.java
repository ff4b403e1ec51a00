package io.flk.api.testing;

import io.flk.domain.escalation.Verdict;
import io.flk.domain.hrs.TrainingRow;
import io.flk.domain.hrs.training.SyntheticHrsData;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.gateway.EventGateway;

/**
 * Labelled tasks as the hot path and the reviewers record them, with features from the synthetic generator
 * whose ground truth is known, so that a trained HRS reliably clears the eligibility gates.
 */
public final class LabelledTasks {

    private LabelledTasks() {
    }

    /** Publishes {@code count} verified and labelled tasks, verified at {@code at}; returns how many were hallucinated. */
    public static int publish(EventGateway events, String tenantId, int count, long seed, Instant at) {
        TenantId tenant = TenantId.of(tenantId);
        List<Object> batch = new ArrayList<>();
        int hallucinated = 0;
        for (TrainingRow row : SyntheticHrsData.rows(count, seed)) {
            String taskId = "syn-" + seed + "-" + row.taskId();
            batch.addAll(RecordedTasks.verifiedThenLabelled(
                    new TaskVerified(tenant, taskId, "gpt-4o", 0, false, Decision.PASS, 0.1, List.of(), Map.of(),
                            row.features(), 0.001, 0, null, 1_000, at, null, Map.of()),
                    new TaskLabelled(tenant, taskId, row.hallucinated() ? Verdict.HALLUCINATION : Verdict.GROUNDED,
                            LabelSource.REVIEW, null, "reviewer", 2.0, at.plusSeconds(60))));
            hallucinated += row.hallucinated() ? 1 : 0;
        }
        events.publish(batch);
        return hallucinated;
    }
}
