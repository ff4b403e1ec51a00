package io.flk.domain.verification.training;

import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.AnswerFeatures;
import io.flk.domain.verification.SourcePassage;
import io.flk.domain.verification.VerificationInput;
import io.flk.domain.verification.evaluation.RocAuc;
import io.flk.domain.verification.strategy.MicroVoteModel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Trains micro-vote from labelled pairs an operator sends, and measures it on pairs it did not see.
 *
 * <p>The holdout is a hash split, stratified by label: within each class the pairs are ranked by the SHA-256 of
 * their prompt and sources (then of the pair itself) and the first {@value #HOLDOUT_PERCENT} % are held out.
 * Ranking by prompt and sources first keeps the two answers of one question on the same side when, as in
 * HaluEval, each question comes with one answer of each class. Pair ids are content hashes too, so the same
 * pairs in any order and the same seed give the same split, model and version.
 */
public final class MicroVoteTraining {

    public static final int MIN_PAIRS = 20;
    /** One to train on and one to hold out, per class. */
    public static final int MIN_PER_CLASS = 2;
    /** As for a verification: the features were designed for, and measured at, this many sources. */
    public static final int MAX_SOURCES = 100;
    static final int HOLDOUT_PERCENT = 20;
    /** Training pairs belong to no tenant; the features never read the tenant. */
    private static final TenantId NO_TENANT = TenantId.of("micro-vote-training");

    /**
     * @param model           trained on the pairs that were not held out: the reported figures are its own
     * @param holdoutAccuracy share of held-out pairs on the right side of a grounded probability of 0.5
     */
    public record Report(MicroVoteModel model, int rows, int hallucinatedRows, int holdoutRows, double holdoutAuc,
                         double holdoutAccuracy) {
    }

    private MicroVoteTraining() {
    }

    /** Refuses what cannot train a model worth measuring, naming the field to blame. */
    public static List<LabelledPair> validated(List<LabelledPair> pairs) {
        if (pairs == null || pairs.size() < MIN_PAIRS) {
            throw new InvalidValue("pairs", "at least " + MIN_PAIRS + " labelled pairs are needed, got "
                    + (pairs == null ? 0 : pairs.size()));
        }
        int hallucinated = 0;
        for (int i = 0; i < pairs.size(); i++) {
            LabelledPair pair = pairs.get(i);
            String field = "pairs[" + i + "]";
            if (pair == null) {
                throw new InvalidValue(field, field + " is missing");
            }
            if (pair.answer() == null || pair.answer().isBlank()) {
                throw new InvalidValue(field + ".answer", field + ".answer must not be blank");
            }
            validateSources(pair.sources(), field + ".sources");
            hallucinated += pair.hallucinated() ? 1 : 0;
        }
        int grounded = pairs.size() - hallucinated;
        if (hallucinated < MIN_PER_CLASS || grounded < MIN_PER_CLASS) {
            throw new InvalidValue("pairs", "both classes are needed, at least " + MIN_PER_CLASS
                    + " pairs each (to train on and to hold out): got " + hallucinated + " hallucinated and "
                    + grounded + " grounded");
        }
        return pairs;
    }

    private static void validateSources(List<SourcePassage> sources, String field) {
        if (sources == null || sources.isEmpty() || sources.size() > MAX_SOURCES) {
            throw new InvalidValue(field, field + " must hold 1 to " + MAX_SOURCES + " sources, got "
                    + (sources == null ? 0 : sources.size()));
        }
        for (int j = 0; j < sources.size(); j++) {
            SourcePassage source = sources.get(j);
            if (source == null || source.text() == null || source.text().isBlank()) {
                throw new InvalidValue(field + "[" + j + "].text", field + "[" + j + "].text must not be blank");
            }
        }
    }

    public static Report train(List<LabelledPair> pairs, long seed) {
        List<LabelledAnswer> answers = validated(pairs).stream().map(MicroVoteTraining::labelled).toList();
        Split split = split(answers);
        List<LabelledAnswer> holdout = split.holdout();
        MicroVoteModel model = MicroVoteTrainer.train(split.training(), seed);

        double[] hallucinationScores = new double[holdout.size()];
        boolean[] truth = new boolean[holdout.size()];
        int right = 0;
        for (int i = 0; i < holdout.size(); i++) {
            double grounded = model.probabilityGrounded(AnswerFeatures.extract(holdout.get(i).input()));
            hallucinationScores[i] = 1 - grounded;
            truth[i] = holdout.get(i).hallucinated();
            right += (grounded < 0.5) == truth[i] ? 1 : 0;
        }
        int hallucinatedRows = (int) answers.stream().filter(LabelledAnswer::hallucinated).count();
        return new Report(model, answers.size(), hallucinatedRows, holdout.size(),
                RocAuc.of(hallucinationScores, truth), (double) right / holdout.size());
    }

    record Split(List<LabelledAnswer> training, List<LabelledAnswer> holdout) {
    }

    static Split split(List<LabelledAnswer> answers) {
        List<LabelledAnswer> training = new ArrayList<>();
        List<LabelledAnswer> holdout = new ArrayList<>();
        for (boolean hallucinated : new boolean[] {false, true}) {
            List<LabelledAnswer> ranked = answers.stream().filter(answer -> answer.hallucinated() == hallucinated)
                    .sorted(Comparator.comparing(LabelledAnswer::itemId)
                            .thenComparing(answer -> answer.input().taskId()))
                    .toList();
            int heldOut = Math.max(1, Math.round(ranked.size() * HOLDOUT_PERCENT / 100f));
            holdout.addAll(ranked.subList(0, heldOut));
            training.addAll(ranked.subList(heldOut, ranked.size()));
        }
        return new Split(training, holdout);
    }

    /** Ids from content: "item-" + hash(prompt, sources) groups a question's answers; "pair-" + hash(all). */
    static LabelledAnswer labelled(LabelledPair pair) {
        MessageDigest item = sha256();
        add(item, pair.prompt() == null ? "" : pair.prompt());
        for (SourcePassage source : pair.sources()) {
            add(item, source.id() == null ? "" : source.id());
            add(item, source.text());
        }
        String itemHash = HexFormat.of().formatHex(item.digest());
        MessageDigest whole = sha256();
        add(whole, itemHash);
        add(whole, pair.answer());
        add(whole, pair.hallucinated() ? "hallucinated" : "grounded");
        String taskId = "pair-" + HexFormat.of().formatHex(whole.digest());
        VerificationInput input = new VerificationInput(NO_TENANT, taskId, pair.prompt(), pair.answer(),
                pair.sources(), List.of(), Map.of());
        return new LabelledAnswer(input, pair.hallucinated(), "item-" + itemHash);
    }

    private static void add(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM provides SHA-256", impossible);
        }
    }
}
