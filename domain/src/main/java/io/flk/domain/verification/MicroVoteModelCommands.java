package io.flk.domain.verification;

import io.flk.domain.verification.training.LabelledPair;
import java.time.Instant;
import java.util.List;

/** Commands of the micro-vote model line: train a model from labelled pairs, which then serves. */
public final class MicroVoteModelCommands {

    private MicroVoteModelCommands() {
    }

    public record TrainMicroVoteModel(List<LabelledPair> pairs, long seed, String actor, Instant at) {

        /** Counts only: the pairs' texts must not reach a log line through a failed command. */
        @Override
        public String toString() {
            return "TrainMicroVoteModel[pairs=" + (pairs == null ? 0 : pairs.size()) + ", seed=" + seed + ", actor="
                    + actor + ", at=" + at + "]";
        }
    }
}
