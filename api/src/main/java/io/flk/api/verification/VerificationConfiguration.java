package io.flk.api.verification;

import io.flk.api.budget.BudgetGate;
import io.flk.api.hrs.HrsMetrics;
import io.flk.api.hrs.HrsRouter;
import io.flk.api.tenant.TenantDirectory;
import io.flk.domain.verification.CostModel;
import io.flk.domain.verification.VerificationStrategy;
import io.flk.domain.verification.evaluation.DefaultPolicies;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the verification hot path. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VerificationProperties.class)
public class VerificationConfiguration {

    @Bean
    CostModel costModel(VerificationProperties properties) {
        return properties.costModel();
    }

    @Bean
    VerificationMetrics verificationMetrics(MeterRegistry registry) {
        return new VerificationMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    StrategyRunner strategyRunner(List<VerificationStrategy> strategies, CostModel costs, VerificationMetrics metrics,
                                  VerificationProperties properties) {
        return new StrategyRunner(strategies, costs, metrics, properties.strategyThreads(), properties.strategyQueue());
    }

    @Bean
    DecisionRecorder decisionRecorder(EventStore eventStore, VerificationProperties properties,
                                      VerificationMetrics metrics) {
        return new DecisionRecorder(eventStore, properties.recorderCapacity(), properties.groupCommitMaxBatch(),
                properties.groupCommitMaxDelay().toNanos() / 1_000, metrics);
    }

    @Bean
    PolicyCache policyCache(EventStore eventStore, VerificationProperties properties) {
        return new PolicyCache(eventStore, new LivePolicy(0, DefaultPolicies.spec(), null),
                properties.policyCacheTtl());
    }

    /**
     * Caches follow events in the publishing thread, so that the instance that changed a policy, a tenant,
     * a budget's enforcement or an HRS routing acts on the change from its next request.
     */
    @Bean
    ConfigurerModule cachesSubscribe() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(PolicyCache.GROUP)
                .registerSubscribingEventProcessor(TenantDirectory.GROUP)
                .registerSubscribingEventProcessor(BudgetGate.GROUP)
                .registerSubscribingEventProcessor(HrsRouter.GROUP);
    }

    @Bean
    VerificationService verificationService(PolicyCache policies, HrsRouter hrs, HrsMetrics hrsMetrics,
                                            BudgetGate budgets, StrategyRunner runner, DecisionRecorder recorder,
                                            VerificationMetrics metrics, Clock clock,
                                            VerificationProperties properties) {
        return new VerificationService(policies, hrs, hrsMetrics, budgets, runner, recorder, metrics, clock,
                properties.recordTimeout());
    }
}
