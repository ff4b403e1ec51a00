package io.flk.api.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.domain.verification.CostModel;
import io.flk.projections.simulation.SimulationRunStore;
import io.flk.projections.simulation.TaskEventReplay;
import io.flk.projections.simulation.WhatIfSimulation;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires what-if simulations: the event-store replay, the run store and the background jobs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimulationProperties.class)
public class SimulationConfiguration {

    @Bean
    TaskEventReplay taskEventReplay(DataSource dataSource, SimulationProperties properties) {
        return new TaskEventReplay(dataSource,
                new TaskEventReplay.Settings(properties.fetchSize(), properties.maxLabelledTasks()));
    }

    @Bean
    SimulationRunStore simulationRunStore(DataSource dataSource, ObjectMapper objectMapper) {
        return new SimulationRunStore(dataSource, objectMapper);
    }

    /** Never more threads than runs allowed at once (the jobs hold a slot per run); low priority, off the hot path. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService simulationExecutor(SimulationProperties properties) {
        AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(properties.maxConcurrent(), properties.maxConcurrent(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.maxConcurrent()), runnable -> {
                    Thread thread = new Thread(runnable, "simulation-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setPriority(Thread.MIN_PRIORITY);
                    return thread;
                });
    }

    @Bean
    SimulationJobs simulationJobs(TaskEventReplay replay, SimulationRunStore store, ExecutorService simulationExecutor,
                                  CostModel costs, SimulationProperties properties, Clock clock,
                                  MeterRegistry registry) {
        return new SimulationJobs(new WhatIfSimulation(replay), store, simulationExecutor, costs.humanReviewUsd(),
                properties, instanceId(properties), clock, registry);
    }

    private static String instanceId(SimulationProperties properties) {
        if (properties.instanceId() != null && !properties.instanceId().isBlank()) {
            return properties.instanceId();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            return "unknown-host";
        }
    }
}
