package io.flk.domain.verification.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.SourcePassage;
import io.flk.domain.verification.VerificationInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HaluEval QA pairs (JSON lines with {@code knowledge}, {@code question}, {@code right_answer},
 * {@code hallucinated_answer}; see {@code resources/halueval/README.md}). Each item gives two labelled answers
 * to the same question over the same sources: the right one (grounded) and the hallucinated one.
 *
 * <p>Item ids are {@code qa-<line number>} (1-based, blank lines counted), so they are stable for a given file;
 * {@link DatasetSplit#of} assigns each item to train, calibration or evaluation from its id. The knowledge text
 * becomes passages {@code s1..sn}, cut at sentence ends, including the ends HaluEval glued together without a
 * space ("...in the 19th century.First for Women is...").
 */
public final class HaluEvalQa {

    public static final String BUNDLED_RESOURCE = "/halueval/qa_one-turn_data.jsonl";
    public static final TenantId TENANT = TenantId.of("halueval");

    private static final ObjectMapper JSON = new ObjectMapper();

    private HaluEvalQa() {
    }

    /** The file bundled in the domain module's resources. */
    public static List<LabelledAnswer> bundled() {
        InputStream stream = HaluEvalQa.class.getResourceAsStream(BUNDLED_RESOURCE);
        if (stream == null) {
            throw new IllegalStateException(BUNDLED_RESOURCE + " is missing from the classpath");
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two answers per line, the grounded one first; a malformed line fails with its line number. */
    public static List<LabelledAnswer> parse(Reader reader) throws IOException {
        List<LabelledAnswer> answers = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String itemId = "qa-" + lineNumber;
            JsonNode item;
            try {
                item = JSON.readTree(line);
            } catch (IOException e) {
                throw new IllegalArgumentException("line " + lineNumber + " is not JSON", e);
            }
            List<SourcePassage> passages = passages(required(item, "knowledge", lineNumber));
            String question = required(item, "question", lineNumber);
            answers.add(labelled(itemId, "grounded", question, required(item, "right_answer", lineNumber),
                    passages, false));
            answers.add(labelled(itemId, "hallucinated", question,
                    required(item, "hallucinated_answer", lineNumber), passages, true));
        }
        return List.copyOf(answers);
    }

    /** Only the answers of items in {@code split}. */
    public static List<LabelledAnswer> split(List<LabelledAnswer> answers, DatasetSplit split) {
        return answers.stream().filter(answer -> DatasetSplit.of(answer.itemId()) == split).toList();
    }

    /** The knowledge text cut into passages s1..sn at sentence ends. */
    public static List<SourcePassage> passages(String knowledge) {
        List<SourcePassage> passages = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < knowledge.length(); i++) {
            if (endsSentence(knowledge, i)) {
                addPassage(passages, knowledge.substring(start, i + 1));
                start = i + 1;
            }
        }
        addPassage(passages, knowledge.substring(start));
        return passages;
    }

    private static boolean endsSentence(String text, int at) {
        char c = text.charAt(at);
        if (c != '.' && c != '!' && c != '?') {
            return false;
        }
        if (at + 1 >= text.length()) {
            return false;
        }
        char next = text.charAt(at + 1);
        if (Character.isWhitespace(next)) {
            return !isInitial(text, at);
        }
        return Character.isUpperCase(next) && at > 0 && Character.isLowerCase(text.charAt(at - 1));
    }

    /** "J. K. Rowling", "U.S. Army": a single capital right before the dot does not end a sentence. */
    private static boolean isInitial(String text, int at) {
        if (at == 0 || !Character.isUpperCase(text.charAt(at - 1))) {
            return false;
        }
        return at == 1 || text.charAt(at - 2) == ' ' || text.charAt(at - 2) == '.';
    }

    private static void addPassage(List<SourcePassage> passages, String text) {
        String trimmed = text.strip();
        if (!trimmed.isEmpty()) {
            passages.add(new SourcePassage("s" + (passages.size() + 1), trimmed));
        }
    }

    private static LabelledAnswer labelled(String itemId, String kind, String question, String answer,
                                           List<SourcePassage> passages, boolean hallucinated) {
        VerificationInput input = new VerificationInput(TENANT, itemId + "-" + kind, question, answer, passages,
                List.of(), Map.of());
        return new LabelledAnswer(input, hallucinated, itemId);
    }

    private static String required(JsonNode item, String field, int lineNumber) {
        JsonNode value = item.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("line " + lineNumber + ": field '" + field + "' is missing or not text");
        }
        return value.asText();
    }
}
