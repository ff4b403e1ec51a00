package io.flk.domain.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiscretePercentileTest {

    @Test
    void selectsTheSortedValueAtIndexCeilQnMinusOneWhateverTheOrderAndTies() {
        Random random = new Random(7);
        for (int n = 1; n <= 300; n++) {
            long[] values = random.longs(n, 0, n % 3 == 0 ? 5 : 1_000_000).toArray();
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            for (double quantile : new double[] {0.5, 0.95, 1.0}) {
                assertThat(DiscretePercentile.of(values.clone(), quantile)).as("n = %s, q = %s", n, quantile)
                        .isEqualTo(sorted[(int) Math.ceil(quantile * n) - 1]);
            }
        }
    }

    @Test
    void handlesSortedAndReversedInput() {
        long[] ascending = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
        long[] descending = {20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1};

        assertThat(DiscretePercentile.of(ascending, 0.95)).isEqualTo(19);
        assertThat(DiscretePercentile.of(descending, 0.95)).isEqualTo(19);
    }
}
