package io.flk.api.config;

import io.flk.projections.audit.AuditChainProjection;
import io.flk.projections.verification.KpiProjection;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every processing group: pooled streaming processor with batches, errors propagated (never logged and
 * skipped), and a failing event parked in a JDBC dead-letter queue per sequence, retried a bounded number
 * of times by {@link DeadLetterRetrier}, then kept for an operator.
 */
@Configuration(proxyBeanMethods = false)
public class AxonProcessingConfiguration {

    public static final String FAILURES = "failures";

    @Bean
    ConfigurerModule eventProcessingDefaults(@Value("${flk.axon.processor.batch-size:100}") int batchSize,
                                             @Value("${flk.axon.processor.segments:4}") int segments) {
        return configurer -> configurer.eventProcessing()
                .usingPooledStreamingEventProcessors((config, builder) -> builder
                        .batchSize(batchSize)
                        .initialSegmentCount(segments))
                // The chain is one sequence of links: one segment, never parallel.
                .registerPooledStreamingEventProcessorConfiguration(AuditChainProjection.GROUP,
                        (config, builder) -> builder.initialSegmentCount(1))
                // Every task adds to the same few counter rows: parallel segments would only contend for them.
                .registerPooledStreamingEventProcessorConfiguration(KpiProjection.GROUP,
                        (config, builder) -> builder.initialSegmentCount(1))
                .registerDefaultErrorHandler(config -> PropagatingErrorHandler.instance())
                .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance())
                .registerDefaultDeadLetterPolicy(config -> countingRetries());
    }

    @Bean
    ConfigurerModule deadLetterQueueForEveryGroup(ConnectionProvider connectionProvider,
                                                  TransactionManager transactionManager,
                                                  DeadLetterSchema deadLetterSchema,
                                                  Serializer genericSerializer,
                                                  @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.eventProcessing().registerDeadLetterQueueProvider(
                        processingGroup -> config -> JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(processingGroup)
                                .connectionProvider(connectionProvider)
                                .transactionManager(transactionManager)
                                .schema(deadLetterSchema)
                                .genericSerializer(genericSerializer)
                                .eventSerializer(eventSerializer)
                                .build());
            }

            /** Last, so that it replaces Axon's provider, which only covers groups named in properties. */
            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }

    /** Every failure keeps the letter and counts it; the retrier stops at the configured maximum. */
    static EnqueuePolicy<EventMessage<?>> countingRetries() {
        return (letter, cause) -> Decisions.requeue(cause,
                failed -> failed.diagnostics().and(FAILURES, failuresOf(failed.diagnostics().get(FAILURES)) + 1));
    }

    /** How often a letter failed so far: once when it was parked, once more for every failed retry. */
    static int failuresOf(Object recorded) {
        return recorded instanceof Number number ? number.intValue() : 0;
    }
}
