package io.flk.domain.verification;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * PI-safe numbers derived from a task's answer, sources and prompt: they are recorded with the decision and
 * become the columns of the training set, so their names are stable and every value is finite. No value can
 * reconstruct the text: they are shares, counts and log-scaled lengths.
 *
 * <p>"Content" tokens are tokens that are not stop words. A share whose denominator is empty is 0 (nothing to
 * support or to miss), never NaN. The caller's own numeric features are copied under {@value #CLIENT_PREFIX};
 * non-finite ones are dropped (the API rejects them first; this guards the training set anyway).
 */
public final class AnswerFeatures {

    public static final String CLIENT_PREFIX = "client.";

    public static final String ANSWER_TOKENS_LOG = "answer.tokens_log";
    public static final String ANSWER_SENTENCES = "answer.sentences";
    public static final String ANSWER_NUMBERS = "answer.numbers";
    public static final String ANSWER_ENTITIES = "answer.entities";
    public static final String ANSWER_STOPWORD_SHARE = "answer.stopword_share";
    public static final String PROMPT_TOKENS_LOG = "prompt.tokens_log";
    public static final String SOURCES_COUNT = "sources.count";
    public static final String SOURCES_TOKENS_LOG = "sources.tokens_log";
    public static final String LENGTH_ANSWER_TO_SOURCES_LOG = "length.answer_to_sources_log";
    public static final String LENGTH_ANSWER_TO_PROMPT_LOG = "length.answer_to_prompt_log";
    public static final String TOKEN_CONTAINMENT = "overlap.token_containment";
    public static final String CONTENT_TOKEN_CONTAINMENT = "overlap.content_token_containment";
    public static final String BIGRAM_CONTAINMENT = "overlap.bigram_containment";
    public static final String BEST_PASSAGE_CONTAINMENT = "overlap.best_passage_containment";
    public static final String SOURCE_JACCARD = "overlap.source_jaccard";
    public static final String NUMBER_MISSING_SHARE = "overlap.number_missing_share";
    public static final String ENTITY_MISSING_SHARE = "overlap.entity_missing_share";
    public static final String NOVEL_TOKEN_RATIO = "overlap.novel_token_ratio";
    public static final String PROMPT_ANSWER_OVERLAP = "overlap.prompt_answer";
    public static final String NEGATION_MISMATCH = "negation.mismatch_share";
    public static final String CITATIONS_COUNT = "citations.count";
    public static final String CITATIONS_INVALID_SHARE = "citations.invalid_share";

    /** Every feature {@link #extract} derives from the texts, in the order of their names. */
    public static final List<String> TEXT_FEATURES = List.copyOf(new TreeSet<>(List.of(
            ANSWER_TOKENS_LOG, ANSWER_SENTENCES, ANSWER_NUMBERS, ANSWER_ENTITIES, ANSWER_STOPWORD_SHARE,
            PROMPT_TOKENS_LOG, SOURCES_COUNT, SOURCES_TOKENS_LOG, LENGTH_ANSWER_TO_SOURCES_LOG,
            LENGTH_ANSWER_TO_PROMPT_LOG, TOKEN_CONTAINMENT, CONTENT_TOKEN_CONTAINMENT, BIGRAM_CONTAINMENT,
            BEST_PASSAGE_CONTAINMENT, SOURCE_JACCARD, NUMBER_MISSING_SHARE, ENTITY_MISSING_SHARE,
            NOVEL_TOKEN_RATIO, PROMPT_ANSWER_OVERLAP, NEGATION_MISMATCH, CITATIONS_COUNT,
            CITATIONS_INVALID_SHARE)));

    /**
     * What the trained models see: shares of the answer that the sources support, never sizes. HaluEval QA's right
     * answers are short spans and its hallucinated answers whole sentences, so models given lengths, counts or
     * overlap measures that grow with length learned "long means hallucinated" and voted down correct full-sentence
     * answers.
     */
    public static final List<String> MODEL_FEATURES = List.copyOf(new TreeSet<>(List.of(
            TOKEN_CONTAINMENT, CONTENT_TOKEN_CONTAINMENT, BEST_PASSAGE_CONTAINMENT, NUMBER_MISSING_SHARE,
            ENTITY_MISSING_SHARE, NOVEL_TOKEN_RATIO, NEGATION_MISMATCH, CITATIONS_INVALID_SHARE)));

    private static final int ENTITY = TokenizedText.CAPITALISED;
    private static final int NOT_ENTITY = TokenizedText.STOPWORD | TokenizedText.NUMBER;

    private AnswerFeatures() {
    }

    public static SortedMap<String, Double> extract(VerificationInput input) {
        TokenizedText answer = TokenizedText.of(input.answer());
        TokenizedText prompt = TokenizedText.of(input.prompt());
        SourceIndex sources = new SourceIndex(input.sources());
        SortedMap<String, Double> features = new TreeMap<>();

        int answerSize = answer.size();
        LongHashSet answerTokens = answer.tokens(0, answerSize, 0, 0);
        LongHashSet answerContent = answer.tokens(0, answerSize, 0, TokenizedText.STOPWORD);
        LongHashSet numbers = answer.tokens(0, answerSize, TokenizedText.NUMBER, 0);
        LongHashSet entities = answer.tokens(0, answerSize, ENTITY, NOT_ENTITY);
        LongHashSet promptTokens = prompt.tokens(0, prompt.size(), 0, 0);

        features.put(ANSWER_TOKENS_LOG, Math.log1p(answerSize));
        features.put(ANSWER_SENTENCES, (double) answer.sentenceCount());
        features.put(ANSWER_NUMBERS, (double) numbers.size());
        features.put(ANSWER_ENTITIES, (double) entities.size());
        features.put(ANSWER_STOPWORD_SHARE, share(stopwordCount(answer), answerSize));
        features.put(PROMPT_TOKENS_LOG, Math.log1p(prompt.size()));
        features.put(SOURCES_COUNT, (double) sources.size());
        features.put(SOURCES_TOKENS_LOG, Math.log1p(sources.tokenCount()));
        features.put(LENGTH_ANSWER_TO_SOURCES_LOG, Math.log((answerSize + 1.0) / (sources.tokenCount() + 1.0)));
        features.put(LENGTH_ANSWER_TO_PROMPT_LOG, Math.log((answerSize + 1.0) / (prompt.size() + 1.0)));

        features.put(TOKEN_CONTAINMENT, share(answerTokens.countIn(sources.allTokens()), answerTokens.size()));
        features.put(CONTENT_TOKEN_CONTAINMENT,
                share(answerContent.countIn(sources.allContentTokens()), answerContent.size()));
        features.put(BIGRAM_CONTAINMENT, bigramContainment(answer, sources));
        features.put(BEST_PASSAGE_CONTAINMENT, bestPassageContainment(answerContent, sources));
        int commonContent = answerContent.countIn(sources.allContentTokens());
        features.put(SOURCE_JACCARD, share(commonContent,
                answerContent.size() + sources.allContentTokens().size() - commonContent));
        features.put(NUMBER_MISSING_SHARE, 1 - share(numbers.countIn(sources.allTokens()), numbers.size(), 1));
        features.put(ENTITY_MISSING_SHARE, 1 - share(entities.countIn(sources.allTokens()), entities.size(), 1));
        features.put(NOVEL_TOKEN_RATIO, novelTokenRatio(answerContent, sources.allTokens(), promptTokens));
        features.put(PROMPT_ANSWER_OVERLAP, share(answerContent.countIn(promptTokens), answerContent.size()));
        features.put(NEGATION_MISMATCH, negationMismatchShare(answer, sources));
        features.put(CITATIONS_COUNT, (double) input.citations().size());
        features.put(CITATIONS_INVALID_SHARE, invalidCitationShare(input.citations(), answer, sources));

        copyClientFeatures(input.features(), features);
        return features;
    }

    private static double bigramContainment(TokenizedText answer, SourceIndex sources) {
        LongHashSet answerBigrams = new LongHashSet(answer.size());
        for (int sentence = 0; sentence < answer.sentenceCount(); sentence++) {
            answerBigrams.addAll(answer.shingles(2, answer.sentenceStart(sentence), answer.sentenceEnd(sentence)));
        }
        if (answerBigrams.size() == 0) {
            return 0;
        }
        LongHashSet sourceBigrams = new LongHashSet(sources.tokenCount());
        for (int passage = 0; passage < sources.size(); passage++) {
            sourceBigrams.addAll(sources.shingles(passage, 2));
        }
        return share(answerBigrams.countIn(sourceBigrams), answerBigrams.size());
    }

    private static double bestPassageContainment(LongHashSet answerContent, SourceIndex sources) {
        double best = 0;
        for (int passage = 0; passage < sources.size(); passage++) {
            best = Math.max(best, share(answerContent.countIn(sources.contentTokens(passage)), answerContent.size()));
        }
        return best;
    }

    private static double novelTokenRatio(LongHashSet answerContent, LongHashSet sourceTokens, LongHashSet prompt) {
        LongHashSet known = new LongHashSet(sourceTokens.size() + prompt.size());
        known.addAll(sourceTokens);
        known.addAll(prompt);
        return 1 - share(answerContent.countIn(known), answerContent.size(), 1);
    }

    /**
     * Share of answer sentences whose negation differs from the passage that best covers them: "X was not
     * born in Y" against a passage saying "X was born in Y" shares almost every token, so overlap alone misses it.
     */
    private static double negationMismatchShare(TokenizedText answer, SourceIndex sources) {
        if (answer.sentenceCount() == 0 || sources.size() == 0) {
            return 0;
        }
        boolean[] passageNegated = new boolean[sources.size()];
        for (int passage = 0; passage < sources.size(); passage++) {
            TokenizedText text = sources.text(passage);
            passageNegated[passage] = hasNegation(text, 0, text.size());
        }
        int mismatches = 0;
        for (int sentence = 0; sentence < answer.sentenceCount(); sentence++) {
            int from = answer.sentenceStart(sentence);
            int to = answer.sentenceEnd(sentence);
            LongHashSet content = answer.tokens(from, to, 0, TokenizedText.STOPWORD);
            int bestPassage = 0;
            int bestCommon = -1;
            for (int passage = 0; passage < sources.size(); passage++) {
                int common = content.countIn(sources.contentTokens(passage));
                if (common > bestCommon) {
                    bestCommon = common;
                    bestPassage = passage;
                }
            }
            if (hasNegation(answer, from, to) != passageNegated[bestPassage]) {
                mismatches++;
            }
        }
        return share(mismatches, answer.sentenceCount());
    }

    private static boolean hasNegation(TokenizedText text, int from, int to) {
        for (int token = from; token < to; token++) {
            if (text.is(token, TokenizedText.NEGATION)) {
                return true;
            }
        }
        return false;
    }

    private static double invalidCitationShare(List<Citation> citations, TokenizedText answer, SourceIndex sources) {
        int invalid = 0;
        for (Citation citation : citations) {
            if (citation == null || sources.indexOf(citation.sourceId()) < 0
                    || citation.sentence() < 0 || citation.sentence() >= answer.sentenceCount()) {
                invalid++;
            }
        }
        return share(invalid, citations.size());
    }

    private static int stopwordCount(TokenizedText text) {
        int count = 0;
        for (int token = 0; token < text.size(); token++) {
            if (text.is(token, TokenizedText.STOPWORD)) {
                count++;
            }
        }
        return count;
    }

    private static void copyClientFeatures(Map<String, Double> client, SortedMap<String, Double> features) {
        client.forEach((name, value) -> {
            if (name != null && value != null && Double.isFinite(value)) {
                features.put(CLIENT_PREFIX + name, value);
            }
        });
    }

    private static double share(int part, int whole) {
        return share(part, whole, 0);
    }

    /** {@code part / whole}, or {@code whenEmpty} when there is nothing to divide by. */
    private static double share(int part, int whole, double whenEmpty) {
        return whole == 0 ? whenEmpty : (double) part / whole;
    }
}
