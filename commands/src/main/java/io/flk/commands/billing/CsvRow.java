package io.flk.commands.billing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/** A CSV record; rows shorter than the header read as empty in the missing trailing columns. */
final class CsvRow extends Row {

    private final Map<String, Integer> columns;
    private CSVRecord record;

    CsvRow(Map<String, Integer> columns) {
        this.columns = columns;
    }

    void set(CSVRecord record, long line) {
        this.record = record;
        at(line);
    }

    @Override
    String text(String column) {
        Integer index = columns.get(column);
        if (index == null || index >= record.size()) {
            return null;
        }
        String value = record.get(index);
        return value.isEmpty() || value.equals("NULL") ? null : value;
    }

    @Override
    JsonNode json(String column) {
        String text = text(column);
        return text == null ? null : Tags.parse(this, column, text);
    }
}
