package io.flk.api.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retries parked event sequences on a schedule, each at most {@code flk.axon.dead-letter.max-retries}
 * times; past that they stay parked and visible ({@code flk_dead_letters}) until an operator acts.
 */
@Component
public class DeadLetterRetrier {

    private static final int MAX_SEQUENCES_PER_RUN = 100;

    private final EventProcessingConfiguration processing;
    private final int maxRetries;
    private final MultiGauge parked;

    public DeadLetterRetrier(org.axonframework.config.Configuration axon, MeterRegistry registry,
                             @Value("${flk.axon.dead-letter.max-retries:5}") int maxRetries) {
        this.processing = axon.eventProcessingConfiguration();
        this.maxRetries = maxRetries;
        this.parked = MultiGauge.builder("flk.dead.letters")
                .description("Event sequences parked in the dead-letter queue, per processing group")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${flk.axon.dead-letter.retry-interval:PT30S}",
            initialDelayString = "${flk.axon.dead-letter.retry-interval:PT30S}")
    public void retryParkedSequences() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        processing.eventProcessors().keySet().forEach(group -> {
            processing.sequencedDeadLetterProcessor(group).ifPresent(processor -> {
                int processed = 0;
                while (processed < MAX_SEQUENCES_PER_RUN && processor.process(this::mayRetry)) {
                    processed++;
                }
            });
            processing.deadLetterQueue(group).ifPresent(queue -> rows.add(
                    MultiGauge.Row.of(Tags.of("group", group), sequencesIn(queue))));
        });
        parked.register(rows, true);
    }

    private boolean mayRetry(DeadLetter<? extends EventMessage<?>> letter) {
        int failures = AxonProcessingConfiguration.failuresOf(letter.diagnostics().get(AxonProcessingConfiguration.FAILURES));
        return failures <= maxRetries;
    }

    private static long sequencesIn(SequencedDeadLetterQueue<EventMessage<?>> queue) {
        return queue.amountOfSequences();
    }
}
