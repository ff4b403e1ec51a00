package io.flk.domain.verification.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RocAucTest {

    @Test
    void perfectRankingIsOneReversedIsZeroAndTiesCountHalf() {
        boolean[] truth = {false, false, true, true};

        assertThat(RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, truth)).isEqualTo(1.0);
        assertThat(RocAuc.of(new double[] {0.9, 0.8, 0.2, 0.1}, truth)).isZero();
        assertThat(RocAuc.of(new double[] {0.5, 0.5, 0.5, 0.5}, truth)).isEqualTo(0.5);
        assertThat(RocAuc.of(new double[] {0.1, 0.6, 0.5, 0.9}, truth)).isEqualTo(0.75);
    }

    @Test
    void aucNeedsBothClasses() {
        assertThatThrownBy(() -> RocAuc.of(new double[] {0.1}, new boolean[] {true}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
