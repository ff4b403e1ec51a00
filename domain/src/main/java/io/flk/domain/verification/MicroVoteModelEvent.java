package io.flk.domain.verification;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The life of micro-vote models: which version was trained, on how much, how well, by whom. Never a text. */
public sealed interface MicroVoteModelEvent {

    String modelVersion();

    /**
     * A model was trained and became the live micro-vote model of the instance that trained it.
     *
     * @param rows             labelled pairs received, held-out ones included
     * @param holdoutAuc       ROC AUC of the model on the held-out pairs (hallucinated = positive)
     * @param holdoutAccuracy  share of held-out pairs on the right side of a grounded probability of 0.5
     * @param artifactSha256   SHA-256 of the stored artifact, so that an auditor can tie the bytes to this event
     */
    @Revision("1")
    record MicroVoteModelTrained(String modelVersion, int rows, int hallucinatedRows, int holdoutRows,
                                 double holdoutAuc, double holdoutAccuracy, long seed, String artifactSha256,
                                 String trainedBy, Instant at) implements MicroVoteModelEvent {
    }
}
