package io.flk.domain.verification.training;

import io.flk.domain.verification.SourcePassage;
import java.util.List;

/**
 * An answer to a prompt over its sources, labelled by a human: what an operator sends to train micro-vote.
 * The texts stay in memory; only the numbers derived from them reach a model.
 */
public record LabelledPair(String prompt, String answer, List<SourcePassage> sources, boolean hallucinated) {
}
