package io.flk.domain.verification.strategy;

import java.util.Map;

/** A small trained verifier of an answer against its sources; immutable and safe to share between threads. */
public interface MicroVoteModel {

    /** Deterministic in the training data, seed and hyper-parameters ("mv-" + 12 hex digits). */
    String version();

    /** Probability in [0, 1] that the answer is grounded, from {@code AnswerFeatures} (unknown names are ignored). */
    double probabilityGrounded(Map<String, Double> features);
}
