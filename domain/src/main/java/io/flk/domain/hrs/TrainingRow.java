package io.flk.domain.hrs;

import java.time.Instant;
import java.util.Map;

/**
 * One labelled task as the HRS learns from it: PI-safe features and the human verdict, with the global indexes of
 * the {@code TaskVerified} and {@code TaskLabelled} events it was built from.
 */
public record TrainingRow(long verifiedEventIndex, long labelEventIndex, String taskId, Instant verifiedAt,
                          Map<String, Double> features, boolean hallucinated) {

    public TrainingRow {
        features = Map.copyOf(features);
    }
}
