package io.flk.api.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.domain.verification.CostModel;
import io.flk.domain.verification.FailureMode;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyOutcome;
import io.flk.domain.verification.StrategySettings;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.VerificationInput;
import io.flk.domain.verification.VerificationStrategy;
import io.flk.domain.verification.Vote;
import io.flk.domain.tenant.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Strategies that throw or overrun follow their failure mode, and the verdict says what happened. */
class StrategyRunnerTest {

    private static final VerificationInput INPUT = new VerificationInput(TenantId.of("acme"), "t-1", "q", "answer",
            List.of(), List.of(), Map.of());

    /** Holds the slow strategy until the test is over: it overruns any timeout without a fixed sleep. */
    private final CountDownLatch testOver = new CountDownLatch(1);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StrategyRunner runner = new StrategyRunner(List.of(
            strategy(StrategyName.RAG_GROUNDING, input -> new StrategyOutcome(0.9, 2, null)),
            strategy(StrategyName.MICRO_VOTE, input -> {
                throw new IllegalStateException("model exploded on " + input.answer());
            }),
            strategy(StrategyName.HRS, input -> {
                awaitQuietly(testOver);
                return new StrategyOutcome(0.1, 1, "hrs-1");
            })),
            new CostModel(Map.of(StrategyName.RAG_GROUNDING, 0.5), 0.4), new VerificationMetrics(registry), 3, 10);

    @AfterEach
    void close() {
        testOver.countDown();
        runner.close();
    }

    @Test
    void aScoredStrategyVotesByItsThresholdAndIsPricedByTheCostModel() {
        StrategyVerdict verdict = run(FailureMode.FAIL_CLOSED).get(0);

        assertThat(verdict.score()).isEqualTo(0.9);
        assertThat(verdict.vote()).isEqualTo(Vote.GROUNDED);
        assertThat(verdict.costUsd()).isEqualTo(1.0);
        assertThat(verdict.timedOut()).isFalse();
        assertThat(verdict.failed()).isFalse();
    }

    @Test
    void aStrategyThatThrowsVotesByItsFailureModeAndIsMarkedFailed() {
        StrategyVerdict closed = run(FailureMode.FAIL_CLOSED).get(1);
        StrategyVerdict open = run(FailureMode.FAIL_OPEN).get(1);

        assertThat(closed.failed()).isTrue();
        assertThat(closed.score()).isNull();
        assertThat(closed.vote()).isEqualTo(Vote.HALLUCINATED);
        assertThat(open.vote()).isEqualTo(Vote.GROUNDED);
        assertThat(registry.get("flk.strategy.failures").tag("strategy", "micro-vote").counter().count()).isEqualTo(2);
    }

    @Test
    void aStrategyThatOverrunsItsTimeoutVotesByItsFailureModeAndIsMarkedTimedOut() {
        long start = System.nanoTime();
        StrategyVerdict verdict = run(FailureMode.FAIL_OPEN).get(2);

        assertThat((System.nanoTime() - start) / 1_000_000).as("the runner does not wait for the strategy")
                .isLessThan(1_000);
        assertThat(verdict.timedOut()).isTrue();
        assertThat(verdict.failed()).isFalse();
        assertThat(verdict.score()).isNull();
        assertThat(verdict.vote()).isEqualTo(Vote.GROUNDED);
        assertThat(verdict.latencyMicros()).isEqualTo(50_000);
        assertThat(registry.get("flk.strategy.timeouts").tag("strategy", "hrs").counter().count()).isEqualTo(1);
    }

    private List<StrategyVerdict> run(FailureMode mode) {
        Map<StrategyName, StrategySettings> settings = new EnumMap<>(StrategyName.class);
        for (StrategyName name : StrategyName.values()) {
            settings.put(name, new StrategySettings(1, 0.5, 50, mode));
        }
        return runner.run(INPUT, settings);
    }

    private static VerificationStrategy strategy(StrategyName name,
                                                 java.util.function.Function<VerificationInput, StrategyOutcome> body) {
        return new VerificationStrategy() {
            @Override
            public StrategyName name() {
                return name;
            }

            @Override
            public StrategyOutcome evaluate(VerificationInput input) {
                return body.apply(input);
            }
        };
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
