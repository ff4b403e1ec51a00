package io.flk.api.verification;

import io.flk.domain.verification.Decision;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The hot path's metrics (tags: tenant, strategy, decision — all low-cardinality). Registered on first use
 * per tag combination; Micrometer caches the meters, so the per-request cost is a map lookup.
 */
public class VerificationMetrics {

    private final MeterRegistry registry;

    public VerificationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A decision that was recorded and answered, timed from the request's arrival to the durable commit. */
    public void verified(TaskVerified task, long nanos) {
        String tenant = task.tenantId().value();
        Timer.builder("flk.verify")
                .description("Verification latency, request arrival to durable record")
                .tags("tenant", tenant, "decision", task.decision().name())
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        for (StrategyVerdict verdict : task.verdicts()) {
            Counter.builder("flk.cost.usd").description("Verification cost under the cost model")
                    .baseUnit("usd").tags("tenant", tenant, "strategy", verdict.strategy().id())
                    .register(registry).increment(verdict.costUsd());
        }
        Counter.builder("flk.llm.cost.usd").description("Cost of the LLM answers the data plane reported")
                .baseUnit("usd").tags("tenant", tenant).register(registry).increment(task.llmCostUsd());
        if (task.decision() == Decision.ESCALATED) {
            Counter.builder("flk.verify.escalations").tags("tenant", tenant).register(registry).increment();
        }
    }

    public void disagreed(String tenant) {
        Counter.builder("flk.ensemble.disagreements").description("Tasks whose strategies did not vote unanimously")
                .tags("tenant", tenant).register(registry).increment();
    }

    void strategyRan(StrategyName strategy, long micros) {
        Timer.builder("flk.strategy").description("In-process latency of one strategy")
                .tags("strategy", strategy.id())
                .publishPercentileHistogram()
                .register(registry)
                .record(micros, TimeUnit.MICROSECONDS);
    }

    void strategyTimedOut(StrategyName strategy) {
        Counter.builder("flk.strategy.timeouts").tags("strategy", strategy.id()).register(registry).increment();
    }

    void strategyFailed(StrategyName strategy) {
        Counter.builder("flk.strategy.failures").description("Strategies that threw or found the pool full")
                .tags("strategy", strategy.id()).register(registry).increment();
    }

    void groupCommitted(int decisions, long nanos) {
        DistributionSummary.builder("flk.group.commit.size").description("Decisions per event-store transaction")
                .publishPercentileHistogram().register(registry).record(decisions);
        Timer.builder("flk.group.commit").description("Time of one group-commit append")
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }
}
