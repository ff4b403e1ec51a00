package io.flk.api.rollout;

import io.flk.projections.simulation.RolloutDryRunReplay;
import io.flk.projections.simulation.TaskEventReplay;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires what the rollout endpoints need beyond their components. */
@Configuration(proxyBeanMethods = false)
public class RolloutConfiguration {

    @Bean
    RolloutDryRunReplay rolloutDryRunReplay(TaskEventReplay events) {
        return new RolloutDryRunReplay(events);
    }

    /** In the publishing thread: see {@link RolloutMetrics} for why the decisions are counted there. */
    @Bean
    ConfigurerModule rolloutMetricsSubscribe() {
        return configurer -> configurer.eventProcessing().registerSubscribingEventProcessor(RolloutMetrics.GROUP);
    }
}
