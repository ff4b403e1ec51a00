package io.flk.domain.verification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sources of one task, tokenised once per call: each passage's tokens and lazily its shingle sets, and
 * the union of all passages' tokens. Not shared between threads; built by whichever strategy needs it.
 */
public final class SourceIndex {

    private final List<SourcePassage> passages;
    private final TokenizedText[] texts;
    private final LongHashSet[] contentTokens;
    private final LongHashSet[][] shinglesBySize;
    private final Map<String, Integer> indexById;
    private final LongHashSet allTokens;
    private final LongHashSet allContentTokens;
    private final int tokenCount;

    public SourceIndex(List<SourcePassage> passages) {
        this.passages = passages;
        int count = passages.size();
        texts = new TokenizedText[count];
        contentTokens = new LongHashSet[count];
        shinglesBySize = new LongHashSet[count][];
        indexById = new HashMap<>(count * 2);
        int tokens = 0;
        for (int i = 0; i < count; i++) {
            SourcePassage passage = passages.get(i);
            texts[i] = TokenizedText.of(passage.text());
            tokens += texts[i].size();
            indexById.putIfAbsent(passage.id(), i);
        }
        tokenCount = tokens;
        allTokens = new LongHashSet(tokens);
        allContentTokens = new LongHashSet(tokens);
        for (int i = 0; i < count; i++) {
            TokenizedText text = texts[i];
            for (int token = 0; token < text.size(); token++) {
                allTokens.add(text.hash(token));
            }
            contentTokens[i] = text.tokens(0, text.size(), 0, TokenizedText.STOPWORD);
            allContentTokens.addAll(contentTokens[i]);
        }
    }

    public int size() {
        return texts.length;
    }

    public int tokenCount() {
        return tokenCount;
    }

    public TokenizedText text(int passage) {
        return texts[passage];
    }

    public String id(int passage) {
        return passages.get(passage).id();
    }

    /** The position of the passage with this id, or -1 when no source has it. */
    public int indexOf(String id) {
        return id == null ? -1 : indexById.getOrDefault(id, -1);
    }

    public LongHashSet allTokens() {
        return allTokens;
    }

    public LongHashSet allContentTokens() {
        return allContentTokens;
    }

    public LongHashSet contentTokens(int passage) {
        return contentTokens[passage];
    }

    /** The passage's k-word shingles, computed on first use. */
    public LongHashSet shingles(int passage, int k) {
        LongHashSet[] bySize = shinglesBySize[passage];
        if (bySize == null || bySize.length <= k) {
            LongHashSet[] grown = new LongHashSet[k + 1];
            if (bySize != null) {
                System.arraycopy(bySize, 0, grown, 0, bySize.length);
            }
            shinglesBySize[passage] = grown;
            bySize = grown;
        }
        if (bySize[k] == null) {
            TokenizedText text = texts[passage];
            bySize[k] = text.shingles(k, 0, text.size());
        }
        return bySize[k];
    }
}
