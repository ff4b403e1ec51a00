package io.flk.domain.verification.training;

import io.flk.domain.verification.VerificationInput;

/**
 * One answer with a known truth, for training and evaluation.
 *
 * @param itemId the item the answer belongs to: both answers of one HaluEval item share it, so a split by item
 *               never puts the same sources on both sides
 */
public record LabelledAnswer(VerificationInput input, boolean hallucinated, String itemId) {
}
