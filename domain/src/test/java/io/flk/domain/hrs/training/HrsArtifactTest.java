package io.flk.domain.hrs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.hrs.TrainingRow;
import io.flk.domain.verification.training.FeatureScaling;
import io.flk.domain.verification.training.PlattScaling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HrsArtifactTest {

    private static final List<TrainingRow> ROWS = SyntheticHrsData.rows(800, 3);

    @Test
    void sameDataAndSeedGiveTheSameLogisticArtifactHash() {
        HrsTrainingOutcome first = train(HrsCandidate.LOGISTIC_REGRESSION, ROWS);
        HrsTrainingOutcome second = train(HrsCandidate.LOGISTIC_REGRESSION, ROWS);

        assertThat(first.artifact().sha256()).isEqualTo(second.artifact().sha256());
        assertThat(first.artifact().bytes()).isEqualTo(second.artifact().bytes());
        assertThat(first.algorithm()).isEqualTo("tribuo-logistic-regression");
    }

    @Test
    void sameDataAndSeedGiveTheSameGradientBoostedArtifactHashWhateverTheRowOrder() {
        List<TrainingRow> reversed = new ArrayList<>(ROWS);
        Collections.reverse(reversed);
        HrsTrainingOutcome first = train(HrsCandidate.GRADIENT_BOOSTED_TREES, ROWS);
        HrsTrainingOutcome second = train(HrsCandidate.GRADIENT_BOOSTED_TREES, reversed);

        assertThat(first.artifact().sha256()).isEqualTo(second.artifact().sha256());
        assertThat(first.algorithm()).isEqualTo("tribuo-xgboost");
    }

    @Test
    void anotherSeedGivesAnotherArtifact() {
        HrsTrainingOutcome first = train(HrsCandidate.LOGISTIC_REGRESSION, ROWS);
        HrsTrainingOutcome other = HrsTrainer.train(
                new HrsTrainingSpec(ROWS, null, 8, List.of(HrsCandidate.LOGISTIC_REGRESSION)), (s, i, n, d) -> { });

        assertThat(other.artifact().sha256()).isNotEqualTo(first.artifact().sha256());
    }

    @Test
    void theArtifactReadsBackToTheSameRisksAndVersion() {
        for (HrsCandidate candidate : List.of(HrsCandidate.LOGISTIC_REGRESSION, HrsCandidate.GRADIENT_BOOSTED_TREES)) {
            HrsTrainingOutcome outcome = train(candidate, ROWS);
            TrainedHrsModel read = HrsArtifact.read(outcome.artifact().bytes(), outcome.artifact().sha256());

            assertThat(read.version()).isEqualTo(outcome.artifact().modelVersion())
                    .isEqualTo("hrs-" + outcome.artifact().sha256().substring(0, 16));
            for (TrainingRow row : ROWS.subList(0, 200)) {
                assertThat(read.risk(row.features())).isEqualTo(outcome.model().risk(row.features()));
            }
        }
    }

    @Test
    void aFlippedByteAnywhereFailsTheHashCheckOrTheRead() {
        HrsArtifact artifact = train(HrsCandidate.GRADIENT_BOOSTED_TREES, ROWS).artifact();
        byte[] bytes = artifact.bytes();
        for (int at = 0; at < bytes.length; at += 97) {
            byte[] corrupt = bytes.clone();
            corrupt[at] ^= 0x10;
            assertThatThrownBy(() -> HrsArtifact.read(corrupt, artifact.sha256()))
                    .isInstanceOf(HrsArtifact.Unreadable.class);
        }
    }

    @Test
    void corruptStructureIsRefusedEvenWhenTheHashIsNotChecked() {
        byte[] bytes = train(HrsCandidate.LOGISTIC_REGRESSION, ROWS).artifact().bytes();
        byte[] badMagic = bytes.clone();
        badMagic[0] = 'X';
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        byte[] hugeFeatureCount = bytes.clone();
        hugeFeatureCount[8] = 0x7f;

        for (byte[] corrupt : List.of(badMagic, truncated, trailing, hugeFeatureCount, new byte[0])) {
            assertThatThrownBy(() -> HrsArtifact.read(corrupt)).isInstanceOf(HrsArtifact.Unreadable.class);
        }
    }

    @Test
    void aTreeWhoseChildPointsBackIsRefused() {
        TreeEnsemble loop = new TreeEnsemble(TreeEnsemble.Kind.BOOSTED_LOGITS, new int[] {0}, new int[] {0, -1},
                new double[] {0.5, 1}, new int[] {0, -1}, new int[] {1, -1});
        HrsArtifact artifact = HrsArtifact.write(
                FeatureScaling.fit(List.of("a"), List.of()), loop,
                new PlattCalibration(PlattScaling.identity()));

        assertThatThrownBy(() -> HrsArtifact.read(artifact.bytes()))
                .isInstanceOf(HrsArtifact.Unreadable.class).hasMessageContaining("child");
    }

    private static HrsTrainingOutcome train(HrsCandidate candidate, List<TrainingRow> rows) {
        return HrsTrainer.train(new HrsTrainingSpec(rows, null, 7, List.of(candidate)), (s, i, n, d) -> { });
    }
}
