package io.flk.commands.billing;

import com.fasterxml.jackson.databind.JsonNode;

/** One JSON line of a BigQuery export; dotted column names walk nested records (service.description). */
final class JsonRow extends Row {

    private JsonNode node;

    void set(JsonNode node, long line) {
        this.node = node;
        at(line);
    }

    @Override
    String text(String column) {
        JsonNode value = json(column);
        if (value == null || value.isNull() || value.isMissingNode() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    @Override
    JsonNode json(String column) {
        JsonNode value = node;
        int from = 0;
        while (value != null) {
            int dot = column.indexOf('.', from);
            String name = dot < 0 ? column.substring(from) : column.substring(from, dot);
            value = value.get(name);
            if (dot < 0) {
                return value;
            }
            from = dot + 1;
        }
        return null;
    }
}
