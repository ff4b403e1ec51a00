package io.flk.domain.verification;

import java.util.Arrays;

/**
 * A text cut into word tokens and sentences in one pass. Tokens are kept as 64-bit hashes of their lower-cased
 * form (no substrings are allocated) with a few flags, which is all the strategies need to compare an answer
 * with its sources.
 *
 * <p>A token is a run of letters or digits; a digit run keeps its inner '.' or ',' when a digit follows, so
 * "3.5" and "1,000" stay one number. A sentence ends at '.', '!' or '?' followed by white space, at a line
 * break, and also at a terminator glued to a capitalised word after a lower-case letter ("century.First"),
 * which is how HaluEval's knowledge strings join their passages. The same splitter numbers the sentences
 * that {@link Citation#sentence()} refers to.
 */
public final class TokenizedText {

    public static final int NUMBER = 1;
    public static final int CAPITALISED = 2;
    public static final int STOPWORD = 4;
    public static final int NEGATION = 8;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private static final LongHashSet STOPWORDS = hashed("a", "an", "the", "and", "or", "but", "of", "in", "on",
            "at", "to", "for", "from", "by", "with", "as", "is", "are", "was", "were", "be", "been", "being", "it",
            "its", "this", "that", "these", "those", "he", "she", "they", "his", "her", "their", "them", "him",
            "we", "you", "i", "which", "who", "whom", "what", "when", "where", "how", "also", "has", "have", "had",
            "do", "does", "did", "s", "not", "no", "so", "than", "then", "there", "into", "about", "after",
            "before", "while", "both", "such", "can", "will", "would", "may", "one", "all", "more", "most", "other");
    private static final LongHashSet NEGATIONS = hashed("not", "no", "never", "none", "nobody", "nothing",
            "neither", "nor", "cannot", "without", "isn", "aren", "wasn", "weren", "don", "doesn", "didn", "won",
            "wouldn", "couldn", "shouldn", "hasn", "haven", "hadn", "nowhere", "can't", "isn't", "aren't", "wasn't",
            "weren't", "don't", "doesn't", "didn't", "won't", "wouldn't", "couldn't", "shouldn't", "hasn't",
            "haven't", "hadn't");

    private final long[] hashes;
    private final byte[] flags;
    private final int size;
    private final int[] sentenceStarts;
    private final int sentenceCount;

    private TokenizedText(long[] hashes, byte[] flags, int size, int[] sentenceStarts, int sentenceCount) {
        this.hashes = hashes;
        this.flags = flags;
        this.size = size;
        this.sentenceStarts = sentenceStarts;
        this.sentenceCount = sentenceCount;
    }

    public static TokenizedText of(String text) {
        return new Scanner(text == null ? "" : text).scan();
    }

    public int size() {
        return size;
    }

    public long hash(int token) {
        return hashes[token];
    }

    public boolean is(int token, int flag) {
        return (flags[token] & flag) != 0;
    }

    /** Sentences that hold at least one token. */
    public int sentenceCount() {
        return sentenceCount;
    }

    public int sentenceStart(int sentence) {
        return sentenceStarts[sentence];
    }

    public int sentenceEnd(int sentence) {
        return sentence + 1 < sentenceCount ? sentenceStarts[sentence + 1] : size;
    }

    /** The distinct tokens in [from, to) that carry none of the {@code excluded} flags and all {@code required}. */
    public LongHashSet tokens(int from, int to, int required, int excluded) {
        LongHashSet set = new LongHashSet(to - from);
        for (int token = from; token < to; token++) {
            if ((flags[token] & required) == required && (flags[token] & excluded) == 0) {
                set.add(hashes[token]);
            }
        }
        return set;
    }

    /** The distinct word shingles (k consecutive tokens) within [from, to); none when the span is shorter than k. */
    public LongHashSet shingles(int k, int from, int to) {
        LongHashSet set = new LongHashSet(Math.max(0, to - from - k + 1));
        for (int start = from; start + k <= to; start++) {
            set.add(shingleHash(start, k));
        }
        return set;
    }

    private long shingleHash(int start, int k) {
        long hash = k;
        for (int token = start; token < start + k; token++) {
            hash = hash * 0x9E3779B97F4A7C15L + hashes[token];
        }
        return mix(hash);
    }

    private static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static LongHashSet hashed(String... words) {
        LongHashSet set = new LongHashSet(words.length);
        for (String word : words) {
            set.add(hashOf(word));
        }
        return set;
    }

    private static long hashOf(String word) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < word.length(); i++) {
            hash = (hash ^ word.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }

    /** One pass over the characters; holds the growing arrays. */
    private static final class Scanner {

        private final String text;
        private long[] hashes = new long[16];
        private byte[] flags = new byte[16];
        private int size;
        private int[] sentenceStarts = new int[4];
        private int sentenceCount;
        private boolean sentenceEnded = true;

        Scanner(String text) {
            this.text = text;
        }

        TokenizedText scan() {
            int length = text.length();
            int i = 0;
            while (i < length) {
                int cp = text.codePointAt(i);
                if (Character.isLetterOrDigit(cp)) {
                    i = token(i);
                } else {
                    if (isTerminator(cp) && endsSentence(i)) {
                        sentenceEnded = true;
                    }
                    i += Character.charCount(cp);
                }
            }
            return new TokenizedText(hashes, flags, size, sentenceStarts, sentenceCount);
        }

        private int token(int begin) {
            long hash = FNV_OFFSET;
            boolean digit = false;
            boolean apostrophe = false;
            int first = text.codePointAt(begin);
            int i = begin;
            int length = text.length();
            while (i < length) {
                int cp = text.codePointAt(i);
                if (Character.isLetterOrDigit(cp)) {
                    digit |= Character.isDigit(cp);
                    int lower = Character.toLowerCase(cp);
                    hash = lower < Character.MIN_SUPPLEMENTARY_CODE_POINT
                            ? (hash ^ lower) * FNV_PRIME
                            : ((hash ^ Character.highSurrogate(lower)) * FNV_PRIME ^ Character.lowSurrogate(lower)) * FNV_PRIME;
                    i += Character.charCount(cp);
                } else if (digit && (cp == '.' || cp == ',') && i + 1 < length && Character.isDigit(text.charAt(i + 1))) {
                    hash = (hash ^ cp) * FNV_PRIME;
                    i++;
                } else if (cp == '\'' && !apostrophe && i + 2 < length && text.charAt(i + 1) == 't'
                        && !Character.isLetterOrDigit(text.charAt(i + 2))) {
                    // "can't" stays one (negation) token; other apostrophes split ("Arthur's" -> arthur, s).
                    apostrophe = true;
                    hash = (hash ^ cp) * FNV_PRIME;
                    i++;
                } else {
                    break;
                }
            }
            add(hash, first, digit);
            return i;
        }

        private void add(long hash, int firstCodePoint, boolean digit) {
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
                flags = Arrays.copyOf(flags, size * 2);
            }
            if (sentenceEnded) {
                if (sentenceCount == sentenceStarts.length) {
                    sentenceStarts = Arrays.copyOf(sentenceStarts, sentenceCount * 2);
                }
                sentenceStarts[sentenceCount++] = size;
                sentenceEnded = false;
            }
            int flag = 0;
            if (digit) {
                flag |= NUMBER;
            }
            if (Character.isUpperCase(firstCodePoint) || Character.isTitleCase(firstCodePoint)) {
                flag |= CAPITALISED;
            }
            if (STOPWORDS.contains(hash)) {
                flag |= STOPWORD;
            }
            if (NEGATIONS.contains(hash)) {
                flag |= NEGATION;
            }
            hashes[size] = hash;
            flags[size] = (byte) flag;
            size++;
        }

        private static boolean isTerminator(int cp) {
            return cp == '.' || cp == '!' || cp == '?' || cp == '\n' || cp == '\r';
        }

        private boolean endsSentence(int at) {
            char terminator = text.charAt(at);
            if (terminator == '\n' || terminator == '\r') {
                return true;
            }
            int next = at + 1;
            if (next >= text.length()) {
                return true;
            }
            int following = text.codePointAt(next);
            if (Character.isWhitespace(following) || following == '"' || following == '\'') {
                return true;
            }
            return Character.isUpperCase(following) && at > 0 && Character.isLowerCase(text.codePointBefore(at));
        }
    }
}
