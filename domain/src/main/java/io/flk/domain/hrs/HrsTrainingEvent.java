package io.flk.domain.hrs;

import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** One background training job, from start to a registered version or a failure. */
public sealed interface HrsTrainingEvent {

    TrainingId trainingId();

    TenantId tenantId();

    /**
     * @param trigger     {@code operator} or {@code schedule}
     * @param rows        labelled rows in the window when the job started
     */
    @Revision("1")
    record HrsTrainingStarted(TrainingId trainingId, TenantId tenantId, Instant windowFrom, Instant windowTo,
                              long seed, List<HrsCandidate> candidates, int rows, int hallucinatedRows,
                              String trigger, String startedBy, Instant at) implements HrsTrainingEvent {

        public HrsTrainingStarted {
            candidates = List.copyOf(candidates);
        }
    }

    /** @param step 1-based, out of {@code steps}; {@code detail} says what finished, with its numbers */
    @Revision("1")
    record HrsTrainingProgressed(TrainingId trainingId, TenantId tenantId, String stage, int step, int steps,
                                 String detail, Instant at) implements HrsTrainingEvent {
    }

    @Revision("1")
    record HrsTrainingCompleted(TrainingId trainingId, TenantId tenantId, String modelVersion, String artifactSha256,
                                double testRocAuc, long durationMillis, Instant at) implements HrsTrainingEvent {
    }

    @Revision("1")
    record HrsTrainingFailed(TrainingId trainingId, TenantId tenantId, String reason, Instant at)
            implements HrsTrainingEvent {
    }
}
