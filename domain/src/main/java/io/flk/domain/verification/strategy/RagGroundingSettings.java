package io.flk.domain.verification.strategy;

import io.flk.domain.shared.InvalidValue;

/**
 * How strict rag-grounding is. A sentence is supported by a passage when the share of the sentence's word
 * shingles found in the passage reaches {@code minContainment}, or when the two shingle sets are similar as a
 * whole (Jaccard at least {@code minJaccard}). Containment carries most of the weight because a grounded
 * sentence usually quotes a part of a longer passage; Jaccard accepts a sentence that restates the whole passage.
 *
 * @param shingleSize    words per shingle (k); a sentence shorter than k is compared with shingles of its own length
 * @param minJaccard     Jaccard similarity from which a passage supports a sentence, in (0, 1]
 * @param minContainment share of the sentence's shingles in the passage from which it supports it, in (0, 1]
 */
public record RagGroundingSettings(int shingleSize, double minJaccard, double minContainment) {

    public static final int MAX_SHINGLE_SIZE = 8;

    public RagGroundingSettings {
        if (shingleSize < 1 || shingleSize > MAX_SHINGLE_SIZE) {
            throw new InvalidValue("shingleSize", "shingleSize must be between 1 and " + MAX_SHINGLE_SIZE);
        }
        requireShare(minJaccard, "minJaccard");
        requireShare(minContainment, "minContainment");
    }

    /**
     * Trigrams, 70 % of the sentence's trigrams in one passage (or Jaccard 0.5). Chosen on the HaluEval
     * calibration split among k in {1, 2, 3} and containment in {0.3, 0.5, 0.7}: ROC AUC rose with both
     * (0.57 for k=1, c=0.3 to 0.97 for k=3, c=0.7), because hallucinated answers reword what they invent.
     */
    public static RagGroundingSettings defaults() {
        return new RagGroundingSettings(3, 0.5, 0.7);
    }

    private static void requireShare(double value, String field) {
        if (!Double.isFinite(value) || value <= 0 || value > 1) {
            throw new InvalidValue(field, field + " must be within (0, 1]");
        }
    }
}
