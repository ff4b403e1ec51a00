package io.flk.commands.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;

/** Tags and labels as the exports spell them, and the JSON reading they share. */
final class Tags {

    /** Floats as BigDecimal: a credit of 0.1 must stay 0.1, not 0.1000000000000000055. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Tags() {
    }

    /** A JSON object of tags (FOCUS, Azure MCA); Azure EA writes its members without the braces. */
    static Map<String, String> object(Row row, String column) {
        String text = row.text(column);
        if (text == null) {
            return Map.of();
        }
        String trimmed = text.trim();
        JsonNode node = parse(row, column, trimmed.startsWith("{") ? trimmed : "{" + trimmed + "}");
        if (!node.isObject()) {
            throw row.rejected("invalid-tags", column, "is not a JSON object of tags");
        }
        Map<String, String> tags = new HashMap<>();
        node.fields().forEachRemaining(entry -> tags.put(entry.getKey(), entry.getValue().asText()));
        return tags;
    }

    /** BigQuery's repeated {key, value} records (labels). */
    static Map<String, String> keyValues(Row row, String column) {
        JsonNode node = row.json(column);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Map.of();
        }
        if (!node.isArray()) {
            throw row.rejected("invalid-tags", column, "is not a list of {key, value} labels");
        }
        Map<String, String> tags = new HashMap<>();
        node.forEach(label -> tags.put(label.path("key").asText(), label.path("value").asText()));
        return tags;
    }

    static JsonNode parse(Row row, String column, String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw row.rejected("invalid-json", column, "is not valid JSON");
        }
    }
}
