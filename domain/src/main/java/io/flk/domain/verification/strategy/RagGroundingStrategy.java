package io.flk.domain.verification.strategy;

import io.flk.domain.verification.Citation;
import io.flk.domain.verification.LongHashSet;
import io.flk.domain.verification.SourceIndex;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyOutcome;
import io.flk.domain.verification.TokenizedText;
import io.flk.domain.verification.VerificationInput;
import io.flk.domain.verification.VerificationStrategy;

/**
 * Rule-based grounding: every sentence of the answer is a claim that some source passage must support
 * (word-shingle containment or Jaccard, see {@link RagGroundingSettings}). Citations are checked too: a
 * sentence whose citation names an unknown source, or a source that does not support it, is unsupported
 * whatever other passage supports it, because a wrong citation misleads the reader; a citation of a sentence
 * the answer does not have counts as one more unsupported claim.
 *
 * <p>Score = supported claims / claims (0 for an answer without words). Cost units = tokens read / 1000.
 */
public final class RagGroundingStrategy implements VerificationStrategy {

    private final RagGroundingSettings settings;

    public RagGroundingStrategy(RagGroundingSettings settings) {
        this.settings = settings;
    }

    public RagGroundingStrategy() {
        this(RagGroundingSettings.defaults());
    }

    public RagGroundingSettings settings() {
        return settings;
    }

    @Override
    public StrategyName name() {
        return StrategyName.RAG_GROUNDING;
    }

    @Override
    public StrategyOutcome evaluate(VerificationInput input) {
        TokenizedText answer = TokenizedText.of(input.answer());
        SourceIndex sources = new SourceIndex(input.sources());
        double costUnits = (answer.size() + sources.tokenCount()) / 1000.0;
        int sentences = answer.sentenceCount();
        LongHashSet[] claims = new LongHashSet[sentences];
        int[] shingleSizes = new int[sentences];
        boolean[] miscited = new boolean[sentences];
        for (int sentence = 0; sentence < sentences; sentence++) {
            int from = answer.sentenceStart(sentence);
            int to = answer.sentenceEnd(sentence);
            shingleSizes[sentence] = Math.min(settings.shingleSize(), to - from);
            claims[sentence] = answer.shingles(shingleSizes[sentence], from, to);
        }
        int claimsWithoutSentence = 0;
        for (Citation citation : input.citations()) {
            if (citation == null || citation.sentence() < 0 || citation.sentence() >= sentences) {
                claimsWithoutSentence++;
                continue;
            }
            int passage = sources.indexOf(citation.sourceId());
            int sentence = citation.sentence();
            if (passage < 0 || !supports(sources, passage, claims[sentence], shingleSizes[sentence])) {
                miscited[sentence] = true;
            }
        }
        int supported = 0;
        for (int sentence = 0; sentence < sentences; sentence++) {
            if (!miscited[sentence] && supportedByAny(sources, claims[sentence], shingleSizes[sentence])) {
                supported++;
            }
        }
        int allClaims = sentences + claimsWithoutSentence;
        double score = allClaims == 0 ? 0 : (double) supported / allClaims;
        return new StrategyOutcome(score, costUnits, null);
    }

    private boolean supportedByAny(SourceIndex sources, LongHashSet claim, int shingleSize) {
        for (int passage = 0; passage < sources.size(); passage++) {
            if (supports(sources, passage, claim, shingleSize)) {
                return true;
            }
        }
        return false;
    }

    private boolean supports(SourceIndex sources, int passage, LongHashSet claim, int shingleSize) {
        if (claim.size() == 0) {
            return false;
        }
        LongHashSet passageShingles = sources.shingles(passage, shingleSize);
        int common = claim.countIn(passageShingles);
        double containment = (double) common / claim.size();
        double jaccard = (double) common / (claim.size() + passageShingles.size() - common);
        return containment >= settings.minContainment() || jaccard >= settings.minJaccard();
    }
}
