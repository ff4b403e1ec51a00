package io.flk.domain.verification.strategy;

import io.flk.domain.verification.AnswerFeatures;
import java.util.Map;

/** Cost units of the feature-based strategies: the tokens of answer, prompt and sources they read, per 1000. */
final class TextCost {

    private TextCost() {
    }

    static double units(Map<String, Double> features) {
        long tokens = tokens(features, AnswerFeatures.ANSWER_TOKENS_LOG)
                + tokens(features, AnswerFeatures.PROMPT_TOKENS_LOG)
                + tokens(features, AnswerFeatures.SOURCES_TOKENS_LOG);
        return tokens / 1000.0;
    }

    private static long tokens(Map<String, Double> features, String logCount) {
        return Math.round(Math.expm1(features.getOrDefault(logCount, 0.0)));
    }
}
