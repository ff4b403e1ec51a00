package io.flk.domain.hrs.training;

import io.flk.domain.hrs.TrainingRow;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.verification.training.DatasetSplit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a training window must hold before anything is fitted, the feature schema, the split and the digest
 * that lets an auditor rebuild the data from the event log.
 */
public final class HrsTrainingData {

    /** Below this, a 60/20/20 split leaves splits too small to hold both classes or to calibrate. */
    public static final int MIN_ROWS_PER_CLASS = 10;

    private static final Comparator<TrainingRow> EVENT_ORDER =
            Comparator.comparingLong(TrainingRow::verifiedEventIndex).thenComparing(TrainingRow::taskId);

    private HrsTrainingData() {
    }

    /** The three splits, each in event order so that nothing downstream depends on how the rows arrived. */
    public record Splits(List<TrainingRow> training, List<TrainingRow> validation, List<TrainingRow> test) {

        public Splits {
            training = List.copyOf(training);
            validation = List.copyOf(validation);
            test = List.copyOf(test);
        }
    }

    public static void validate(List<TrainingRow> rows) {
        if (rows.isEmpty()) {
            throw new InvalidValue("window", "the window holds no labelled rows");
        }
        long hallucinated = rows.stream().filter(TrainingRow::hallucinated).count();
        long grounded = rows.size() - hallucinated;
        if (hallucinated == 0 || grounded == 0) {
            throw new InvalidValue("window", "the window holds a single class: " + (hallucinated == 0
                    ? "grounded only (" + grounded + " rows)" : "hallucinated only (" + hallucinated + " rows)"));
        }
        if (hallucinated < MIN_ROWS_PER_CLASS || grounded < MIN_ROWS_PER_CLASS) {
            throw new InvalidValue("window", "too few rows to split into training, validation and test: "
                    + hallucinated + " hallucinated and " + grounded + " grounded, at least "
                    + MIN_ROWS_PER_CLASS + " of each are needed");
        }
        for (TrainingRow row : rows) {
            for (Map.Entry<String, Double> feature : row.features().entrySet()) {
                if (!Double.isFinite(feature.getValue())) {
                    throw new InvalidValue("window", "feature '" + feature.getKey() + "' is " + feature.getValue()
                            + " in the row of verified event " + row.verifiedEventIndex());
                }
            }
        }
    }

    /**
     * The sorted union of the rows' feature names, or the {@code explicit} names (sorted, as Tribuo keeps
     * features in name order), each of which must occur in some row.
     */
    public static List<String> featureSchema(List<TrainingRow> rows, List<String> explicit) {
        Set<String> present = new TreeSet<>();
        rows.forEach(row -> present.addAll(row.features().keySet()));
        if (explicit == null) {
            return List.copyOf(present);
        }
        if (explicit.isEmpty()) {
            throw new InvalidValue("features", "an explicit feature list must name at least one feature");
        }
        for (String name : explicit) {
            if (!present.contains(name)) {
                throw new InvalidValue("features", "feature '" + name + "' occurs in no row of the window");
            }
        }
        return List.copyOf(new TreeSet<>(explicit));
    }

    /**
     * 60/20/20 by the SHA-256 of the seed and the task id ({@link DatasetSplit}), so a task's split depends
     * on neither the row order nor the other rows; another seed gives another split of the same window.
     */
    public static Splits split(List<TrainingRow> rows, long seed) {
        List<TrainingRow> training = new ArrayList<>();
        List<TrainingRow> validation = new ArrayList<>();
        List<TrainingRow> test = new ArrayList<>();
        for (TrainingRow row : inEventOrder(rows)) {
            switch (DatasetSplit.of(seed + ":" + row.taskId())) {
                case TRAIN -> training.add(row);
                case CALIBRATION -> validation.add(row);
                case EVALUATION -> test.add(row);
            }
        }
        requireBothClasses("training", training);
        requireBothClasses("validation", validation);
        requireBothClasses("test", test);
        return new Splits(training, validation, test);
    }

    /** Hex SHA-256 over {@code verifiedEventIndex:labelEventIndex:0|1\n}, in verified-event order. */
    public static String dataDigest(List<TrainingRow> rows) {
        MessageDigest digest = sha256();
        for (TrainingRow row : inEventOrder(rows)) {
            String line = row.verifiedEventIndex() + ":" + row.labelEventIndex() + ":" + (row.hallucinated() ? 1 : 0)
                    + "\n";
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static List<TrainingRow> inEventOrder(List<TrainingRow> rows) {
        return rows.stream().sorted(EVENT_ORDER).toList();
    }

    public static boolean[] labels(List<TrainingRow> rows) {
        boolean[] labels = new boolean[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rows.get(i).hallucinated();
        }
        return labels;
    }

    public static List<Map<String, Double>> features(List<TrainingRow> rows) {
        return rows.stream().map(TrainingRow::features).toList();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM provides SHA-256", impossible);
        }
    }

    private static void requireBothClasses(String split, List<TrainingRow> rows) {
        long hallucinated = rows.stream().filter(TrainingRow::hallucinated).count();
        if (hallucinated == 0 || hallucinated == rows.size()) {
            throw new InvalidValue("window", "the " + split + " split (" + rows.size() + " rows) holds a single "
                    + "class with this seed: " + hallucinated + " hallucinated; label more tasks or change the seed");
        }
    }
}
