package io.flk.domain.hrs;

import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of one background training job. */
public final class HrsTrainingCommands {

    private HrsTrainingCommands() {
    }

    public record StartHrsTraining(@TargetAggregateIdentifier TrainingId trainingId, TenantId tenantId,
                                   Instant windowFrom, Instant windowTo, long seed, List<HrsCandidate> candidates,
                                   int rows, int hallucinatedRows, String trigger, String actor, Instant at) {

        public StartHrsTraining {
            candidates = List.copyOf(candidates);
        }
    }

    public record RecordHrsTrainingProgress(@TargetAggregateIdentifier TrainingId trainingId, String stage, int step,
                                            int steps, String detail, Instant at) {
    }

    public record CompleteHrsTraining(@TargetAggregateIdentifier TrainingId trainingId, String modelVersion,
                                      String artifactSha256, double testRocAuc, long durationMillis, Instant at) {
    }

    public record FailHrsTraining(@TargetAggregateIdentifier TrainingId trainingId, String reason, Instant at) {
    }
}
