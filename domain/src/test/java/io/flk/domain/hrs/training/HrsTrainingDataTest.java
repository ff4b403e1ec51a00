package io.flk.domain.hrs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.domain.hrs.TrainingRow;
import io.flk.domain.shared.InvalidValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HrsTrainingDataTest {

    @Test
    void anEmptyWindowIsRefused() {
        assertRefused(List.of(), "window", "no labelled rows");
    }

    @Test
    void aSingleClassWindowIsRefusedNamingTheClassAndCount() {
        assertRefused(rows(0, 30), "window", "grounded only (30 rows)");
        assertRefused(rows(25, 0), "window", "hallucinated only (25 rows)");
    }

    @Test
    void tooFewRowsOfAClassAreRefusedWithTheCounts() {
        assertRefused(rows(9, 100), "window", "9 hallucinated and 100 grounded, at least 10 of each");
    }

    @Test
    void aNonFiniteFeatureIsRefusedNamingTheFeatureAndTheVerifiedEvent() {
        List<TrainingRow> rows = new ArrayList<>(rows(20, 20));
        rows.set(7, row(999, true, Map.of("answer.tokens_log", 1.0, "overlap.novel", Double.NaN)));
        assertRefused(rows, "window", "feature 'overlap.novel' is NaN in the row of verified event 999");

        rows.set(7, row(998, true, Map.of("answer.tokens_log", Double.NEGATIVE_INFINITY)));
        assertRefused(rows, "window", "'answer.tokens_log' is -Infinity");
    }

    @Test
    void theDefaultSchemaIsTheSortedUnionOfFeatureNames() {
        List<TrainingRow> rows = List.of(row(1, true, Map.of("b", 1.0)), row(2, false, Map.of("a", 1.0, "c", 2.0)));

        assertThat(HrsTrainingData.featureSchema(rows, null)).containsExactly("a", "b", "c");
        assertThat(HrsTrainingData.featureSchema(rows, List.of("c", "a"))).containsExactly("a", "c");
    }

    @Test
    void anExplicitFeatureThatNoRowHoldsIsRefused() {
        List<TrainingRow> rows = List.of(row(1, true, Map.of("b", 1.0)));

        assertThatThrownBy(() -> HrsTrainingData.featureSchema(rows, List.of("b", "typo")))
                .isInstanceOf(InvalidValue.class).hasMessageContaining("'typo'")
                .extracting("field").isEqualTo("features");
    }

    @Test
    void theSplitIsSixtyTwentyTwentyAndIndependentOfRowOrder() {
        List<TrainingRow> rows = SyntheticHrsData.rows(5000, 1);
        List<TrainingRow> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(4));

        HrsTrainingData.Splits splits = HrsTrainingData.split(rows, 42);

        assertThat(HrsTrainingData.split(shuffled, 42)).isEqualTo(splits);
        assertThat(splits.training().size()).isBetween(2850, 3150);
        assertThat(splits.validation().size()).isBetween(900, 1100);
        assertThat(splits.test().size()).isBetween(900, 1100);
        assertThat(HrsTrainingData.split(rows, 43).test()).isNotEqualTo(splits.test());
    }

    @Test
    void aSplitWithoutBothClassesIsRefused() {
        // Ten of each class: with some seed a split of four rows or so holds one class only.
        List<TrainingRow> rows = rows(10, 10);
        InvalidValue refusal = null;
        for (long seed = 0; seed < 50 && refusal == null; seed++) {
            try {
                HrsTrainingData.split(rows, seed);
            } catch (InvalidValue e) {
                refusal = e;
            }
        }
        assertThat(refusal).isNotNull();
        assertThat(refusal.field()).isEqualTo("window");
        assertThat(refusal.getMessage()).contains("holds a single class with this seed");
    }

    @Test
    void theDataDigestCoversEventIndexesAndLabelsInEventOrder() {
        List<TrainingRow> rows = List.of(row(2, false, Map.of()), row(1, true, Map.of()));

        // SHA-256 of "1:1001:1\n2:1002:0\n".
        assertThat(HrsTrainingData.dataDigest(rows))
                .isEqualTo(HrsArtifact.sha256("1:1001:1\n2:1002:0\n".getBytes()))
                .isEqualTo(HrsTrainingData.dataDigest(List.of(rows.get(1), rows.get(0))))
                .isNotEqualTo(HrsTrainingData.dataDigest(List.of(row(2, true, Map.of()), row(1, true, Map.of()))));
    }

    private static void assertRefused(List<TrainingRow> rows, String field, String message) {
        assertThatThrownBy(() -> HrsTrainingData.validate(rows))
                .isInstanceOf(InvalidValue.class).hasMessageContaining(message)
                .extracting("field").isEqualTo(field);
    }

    private static List<TrainingRow> rows(int hallucinated, int grounded) {
        List<TrainingRow> rows = new ArrayList<>();
        for (int i = 0; i < hallucinated + grounded; i++) {
            Map<String, Double> features = new HashMap<>();
            features.put("answer.tokens_log", (double) i);
            rows.add(row(i + 1, i < hallucinated, features));
        }
        return rows;
    }

    private static TrainingRow row(long index, boolean hallucinated, Map<String, Double> features) {
        return new TrainingRow(index, 1000 + index, "task-" + index, Instant.EPOCH, features, hallucinated);
    }
}
