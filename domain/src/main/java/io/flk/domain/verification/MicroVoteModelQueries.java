package io.flk.domain.verification;

import java.time.Instant;
import java.util.List;

/** The trained micro-vote models, newest first. */
public final class MicroVoteModelQueries {

    private MicroVoteModelQueries() {
    }

    public record FetchMicroVoteModels() {
    }

    /** One training; a version trained twice (same pairs and seed) appears twice. */
    public record MicroVoteModelView(String modelVersion, int rows, int hallucinatedRows, int holdoutRows,
                                     double holdoutAuc, double holdoutAccuracy, long seed, String artifactSha256,
                                     String trainedBy, Instant trainedAt) {
    }

    public record MicroVoteModelHistory(List<MicroVoteModelView> trainings) {

        public MicroVoteModelHistory {
            trainings = List.copyOf(trainings);
        }
    }
}
