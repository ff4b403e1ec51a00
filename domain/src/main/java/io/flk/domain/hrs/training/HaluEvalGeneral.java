package io.flk.domain.hrs.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.domain.hrs.TrainingRow;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.AnswerFeatures;
import io.flk.domain.verification.VerificationInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * HaluEval's general set (see {@code resources/halueval/README.md}): ChatGPT answers to user queries, each
 * judged hallucinated or not by humans, as HRS training rows. There are no sources, so only the answer and
 * prompt features carry signal. Event indexes are the line number (verified) and the line number plus the
 * line count (labelled), which keeps them distinct and in file order.
 */
public final class HaluEvalGeneral {

    public static final String BUNDLED_RESOURCE = "/halueval/general_data.jsonl";
    public static final TenantId TENANT = TenantId.of("halueval");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** HaluEval does not date its items; one fixed instant keeps the rows reproducible. */
    private static final Instant COLLECTED = Instant.parse("2023-05-01T00:00:00Z");

    private HaluEvalGeneral() {
    }

    public static List<TrainingRow> rows() {
        List<String> lines = lines();
        List<TrainingRow> rows = new ArrayList<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            if (!line.isBlank()) {
                rows.add(row(line, number, lines.size()));
            }
        }
        return List.copyOf(rows);
    }

    private static TrainingRow row(String line, int number, int lineCount) {
        JsonNode item;
        try {
            item = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(BUNDLED_RESOURCE + " line " + number + " is not JSON", e);
        }
        String taskId = "general-" + text(item, "ID", number);
        String verdict = text(item, "hallucination", number);
        if (!verdict.equals("yes") && !verdict.equals("no")) {
            throw new IllegalStateException(BUNDLED_RESOURCE + " line " + number + ": hallucination is '" + verdict
                    + "', not yes or no");
        }
        VerificationInput input = new VerificationInput(TENANT, taskId, text(item, "user_query", number),
                text(item, "chatgpt_response", number), List.of(), null, null);
        return new TrainingRow(number, (long) lineCount + number, taskId, COLLECTED, AnswerFeatures.extract(input),
                verdict.equals("yes"));
    }

    private static String text(JsonNode item, String field, int number) {
        JsonNode value = item.get(field);
        if (value == null || !value.isValueNode()) {
            throw new IllegalStateException(BUNDLED_RESOURCE + " line " + number + ": field '" + field + "' is missing");
        }
        return value.asText();
    }

    private static List<String> lines() {
        InputStream stream = HaluEvalGeneral.class.getResourceAsStream(BUNDLED_RESOURCE);
        if (stream == null) {
            throw new IllegalStateException(BUNDLED_RESOURCE + " is missing from the classpath");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
