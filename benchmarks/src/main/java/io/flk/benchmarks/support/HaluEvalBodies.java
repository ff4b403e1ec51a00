package io.flk.benchmarks.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.domain.verification.SourcePassage;
import io.flk.domain.verification.training.DatasetSplit;
import io.flk.domain.verification.training.HaluEvalQa;
import io.flk.domain.verification.training.LabelledAnswer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /api/v1/verifications} bodies for one tenant: the bundled HaluEval evaluation split's answers, each
 * with its question as prompt and its knowledge passages as sources. Serialised once per answer around a
 * placeholder task id, so that a request costs the driver a string concatenation and not a JSON serialisation.
 */
public final class HaluEvalBodies {

    private static final String PLACEHOLDER = "\u0000task\u0000";
    private final String[] prefixes;
    private final String[] suffixes;
    private final int items;
    private final double meanSources;
    private final int meanBytes;
    private final AtomicLong next = new AtomicLong();

    private HaluEvalBodies(String[] prefixes, String[] suffixes, int items, double meanSources, int meanBytes) {
        this.prefixes = prefixes;
        this.suffixes = suffixes;
        this.items = items;
        this.meanSources = meanSources;
        this.meanBytes = meanBytes;
    }

    public static HaluEvalBodies evaluationSplit(String tenantId) {
        List<LabelledAnswer> answers = HaluEvalQa.split(HaluEvalQa.bundled(), DatasetSplit.EVALUATION);
        ObjectMapper json = new ObjectMapper();
        String[] prefixes = new String[answers.size()];
        String[] suffixes = new String[answers.size()];
        long sources = 0;
        long bytes = 0;
        for (int i = 0; i < answers.size(); i++) {
            LabelledAnswer answer = answers.get(i);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tenantId", tenantId);
            body.put("taskId", PLACEHOLDER);
            body.put("model", "gpt-4o-2024-08-06");
            body.put("prompt", answer.input().prompt());
            body.put("answer", answer.input().answer());
            List<Map<String, String>> passages = new ArrayList<>();
            for (SourcePassage passage : answer.input().sources()) {
                passages.add(Map.of("id", passage.id(), "text", passage.text()));
            }
            body.put("sources", passages);
            body.put("features", Map.of("logprobMean", -0.41, "temperature", 0.7));
            body.put("llmCostUsd", 0.0021);
            String text;
            try {
                text = json.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            String marker = json.valueToTree(PLACEHOLDER).toString();
            int at = text.indexOf(marker);
            prefixes[i] = text.substring(0, at) + "\"";
            suffixes[i] = "\"" + text.substring(at + marker.length());
            sources += passages.size();
            bytes += text.length();
        }
        int items = (int) answers.stream().map(LabelledAnswer::itemId).distinct().count();
        return new HaluEvalBodies(prefixes, suffixes, items, sources / (double) answers.size(),
                (int) (bytes / answers.size()));
    }

    /** The next answer (round robin) with {@code taskId}. */
    public String forTask(String taskId) {
        int i = (int) (next.getAndIncrement() % prefixes.length);
        return prefixes[i] + taskId + suffixes[i];
    }

    public int size() {
        return prefixes.length;
    }

    public int items() {
        return items;
    }

    public double meanSources() {
        return meanSources;
    }

    public int meanBytes() {
        return meanBytes;
    }
}
