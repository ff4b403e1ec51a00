package io.flk.domain.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutWindowsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant TO = T0.plusSeconds(100);
    private static final Instant SHORT_FROM = T0.plusSeconds(60);
    private static final long SLO_MICROS = 1_500;

    /**
     * Canary task i (0..19) at second 5i with latency 100(i+1) µs and cost 0.01(i+1) USD. Bad: task 2 (a strategy
     * failed) and 15..19 (over 1500 µs). Labelled hallucinations 0..3, of which 0 and 1 escalated; task 4 is a
     * labelled non-hallucination that was escalated, task 5 escalated unlabelled: trusted are 6..19.
     */
    private static List<RolloutSample> canary() {
        List<RolloutSample> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Boolean label = i <= 3 ? Boolean.TRUE : i == 4 ? Boolean.FALSE : null;
            samples.add(new RolloutSample(T0.plusSeconds(5L * i), true, 100L * (i + 1), i == 2, i <= 1 || i == 4
                    || i == 5, label, 0.01 * (i + 1)));
        }
        return samples;
    }

    /** Seven control tasks at seconds 10..70, latencies 100..700 µs shuffled; task 0 a caught hallucination. */
    private static List<RolloutSample> control() {
        long[] latencies = {300, 100, 700, 500, 200, 600, 400};
        List<RolloutSample> samples = new ArrayList<>();
        for (int i = 0; i < latencies.length; i++) {
            samples.add(new RolloutSample(T0.plusSeconds(10L * (i + 1)), false, latencies[i], false, i == 0,
                    i == 0 ? Boolean.TRUE : null, 0.02));
        }
        return samples;
    }

    private static List<RolloutSample> withOutsiders() {
        List<RolloutSample> samples = new ArrayList<>(canary());
        samples.addAll(control());
        samples.add(new RolloutSample(T0.minusSeconds(1), true, 99_999, true, false, Boolean.TRUE, 5));
        samples.add(new RolloutSample(TO, true, 99_999, true, false, Boolean.TRUE, 5));
        samples.add(new RolloutSample(TO, false, 99_999, true, false, Boolean.TRUE, 5));
        return samples;
    }

    @Test
    void countsEachArmOverTheWindowAndItsShortWindowOnly() {
        RolloutWindow window = RolloutWindows.of(withOutsiders(), T0, TO, SHORT_FROM, 1.5, SLO_MICROS);

        ArmStats canary = window.canary();
        assertThat(canary.tasks()).isEqualTo(20);
        assertThat(canary.bad()).isEqualTo(6);
        assertThat(canary.shortWindowTasks()).as("tasks 12..19, from second 60 inclusive").isEqualTo(8);
        assertThat(canary.shortWindowBad()).isEqualTo(5);
        assertThat(canary.labelledHallucinations()).isEqualTo(4);
        assertThat(canary.caughtHallucinations()).isEqualTo(2);
        assertThat(canary.trusted()).isEqualTo(14);
        assertThat(canary.costUsd()).isCloseTo(2.10, within(1e-12));
        assertThat(canary.costUsdSquares()).as("0.0001 * (1² + ... + 20²)").isCloseTo(0.287, within(1e-12));
        assertThat(canary.trustedCostUsd()).as("2.10 - 0.01 * (1 + ... + 6)").isCloseTo(1.89, within(1e-12));

        ArmStats control = window.control();
        assertThat(control.tasks()).isEqualTo(7);
        assertThat(control.bad()).isZero();
        assertThat(control.shortWindowTasks()).isEqualTo(2);
        assertThat(control.labelledHallucinations()).isEqualTo(1);
        assertThat(control.caughtHallucinations()).isEqualTo(1);
        assertThat(control.trusted()).isEqualTo(6);
        assertThat(control.costUsd()).isCloseTo(0.14, within(1e-12));
        assertThat(control.costUsdSquares()).isCloseTo(0.0028, within(1e-12));
        assertThat(control.trustedCostUsd()).isCloseTo(0.12, within(1e-12));
        assertThat(window.from()).isEqualTo(T0);
        assertThat(window.to()).isEqualTo(TO);
        assertThat(window.shortFrom()).isEqualTo(SHORT_FROM);
        assertThat(window.sloLatencyMicros()).isEqualTo(SLO_MICROS);
    }

    @Test
    void p95IsTheSortedLatencyAtIndexCeilOf95PercentOfNMinusOne() {
        RolloutWindow window = RolloutWindows.of(withOutsiders(), T0, TO, SHORT_FROM, 1.5, SLO_MICROS);

        assertThat(window.canary().latencyP95Micros()).as("n = 20: index 18 of 100..2000").isEqualTo(1_900.0);
        assertThat(window.control().latencyP95Micros()).as("n = 7: ceil(6.65) - 1 = 6, the largest").isEqualTo(700.0);
    }

    @Test
    void latencyBoundIsTheControlP95TimesTheRatioAndCountsOnlySlowerCanaryTasks() {
        RolloutWindow window = RolloutWindows.of(withOutsiders(), T0, TO, SHORT_FROM, 1.5, SLO_MICROS);

        assertThat(window.latencyBoundMicros()).isEqualTo(1_050.0);
        assertThat(window.canary().overLatencyBound()).as("1100..2000 µs").isEqualTo(10);
        assertThat(window.control().overLatencyBound()).isZero();
    }

    @Test
    void noLatencyBoundWithoutTheGateOrWithoutControlTasks() {
        RolloutWindow gateOff = RolloutWindows.of(withOutsiders(), T0, TO, SHORT_FROM, null, SLO_MICROS);
        RolloutWindow noControl = RolloutWindows.of(canary(), T0, TO, SHORT_FROM, 1.5, SLO_MICROS);

        assertThat(gateOff.latencyBoundMicros()).isNull();
        assertThat(gateOff.canary().overLatencyBound()).isZero();
        assertThat(noControl.latencyBoundMicros()).isNull();
        assertThat(noControl.canary().overLatencyBound()).isZero();
        assertThat(noControl.control()).isEqualTo(ArmStats.EMPTY);
    }
}
