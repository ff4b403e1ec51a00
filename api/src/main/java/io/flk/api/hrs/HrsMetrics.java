package io.flk.api.hrs;

import io.flk.domain.tenant.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HRS lifecycle's live counters. Tags stay low in cardinality: tenants, the few versions a routing names,
 * and fixed outcome words.
 */
public class HrsMetrics {

    static final String SCORED = "flk.hrs.scored";
    static final String TRAININGS = "flk.hrs.trainings";
    static final String TRAINING_SECONDS = "flk.hrs.training.seconds";
    static final String PROMOTIONS = "flk.hrs.promotions";
    static final String ARTIFACT_REFUSALS = "flk.hrs.artifact.refusals";

    private final MeterRegistry registry;
    private final Map<String, Counter> scored = new ConcurrentHashMap<>();

    public HrsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param role {@code deciding} or {@code shadow} */
    public void scored(TenantId tenantId, String modelVersion, String role) {
        scored.computeIfAbsent(tenantId.value() + '\u0000' + modelVersion + '\u0000' + role,
                key -> Counter.builder(SCORED).description("Tasks an HRS version scored, deciding or as a shadow")
                        .tags("tenant", tenantId.value(), "model_version", modelVersion, "role", role)
                        .register(registry)).increment();
    }

    /** @param outcome {@code completed} or {@code failed} */
    public void trainingFinished(TenantId tenantId, String outcome, Duration took) {
        Counter.builder(TRAININGS).description("HRS trainings by outcome")
                .tags("tenant", tenantId.value(), "outcome", outcome).register(registry).increment();
        Timer.builder(TRAINING_SECONDS).description("Wall-clock time of HRS trainings")
                .tags("tenant", tenantId.value(), "outcome", outcome).register(registry).record(took);
    }

    /** @param outcome {@code requested}, {@code approved}, {@code rejected}, {@code rolled-back} or a refusal */
    public void promotion(TenantId tenantId, String outcome) {
        Counter.builder(PROMOTIONS).description("HRS promotion commands by outcome")
                .tags("tenant", tenantId.value(), "outcome", outcome).register(registry).increment();
    }

    public void artifactRefused(TenantId tenantId) {
        Counter.builder(ARTIFACT_REFUSALS).description("HRS artifacts refused on load (hash or signature)")
                .tags("tenant", tenantId.value()).register(registry).increment();
    }
}
