package io.flk.projections.hrs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.hrs.CandidateResult;
import io.flk.domain.hrs.ModelMetrics;
import io.flk.domain.hrs.RegisteredModel;
import io.flk.domain.hrs.TrainingId;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.Vote;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events and values the HRS projection tests share; the rollout projection tests use its tenants and mapper. */
public final class HrsFixtures {

    static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    private HrsFixtures() {
    }

    public static TenantId freshTenant() {
        return TenantId.of("h-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Configured as application.yml configures Spring's mapper, which the projections receive. */
    public static ObjectMapper objectMapper() {
        return JsonMapper.builder().findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    /** @param hrsScore the deciding HRS verdict's score (1 - risk), or {@code null} when it failed */
    static TaskVerified verified(TenantId tenant, String taskId, Instant at, Map<String, Double> features,
                                 String hrsVersion, Double hrsScore, Map<String, Double> shadowRisks) {
        StrategyVerdict hrs = new StrategyVerdict(StrategyName.HRS, hrsScore,
                hrsScore == null || hrsScore >= 0.5 ? Vote.GROUNDED : Vote.HALLUCINATED, 100, 0.001, false,
                hrsScore == null, hrsVersion);
        StrategyVerdict rag = new StrategyVerdict(StrategyName.RAG_GROUNDING, 0.9, Vote.GROUNDED, 50, 0.0, false,
                false, null);
        return new TaskVerified(tenant, taskId, "gpt-4o", 1, false, Decision.PASS, 0.2, List.of(rag, hrs),
                hrsVersion == null ? Map.of() : Map.of(StrategyName.HRS.id(), hrsVersion), features, 0.01, 0.001,
                null, 1_000, at, null, shadowRisks);
    }

    static TaskVerified verified(TenantId tenant, String taskId, Instant at, Map<String, Double> features) {
        return verified(tenant, taskId, at, features, "hrs-1", 0.7, Map.of());
    }

    static TaskLabelled labelled(TenantId tenant, String taskId, Verdict verdict, Instant at) {
        return new TaskLabelled(tenant, taskId, verdict, LabelSource.REVIEW, null, "alice", 2.0, at);
    }

    static RegisteredModel model(String version, Instant windowFrom) {
        ModelMetrics metrics = new ModelMetrics(0.91, 0.8, 0.1, 0.03, 200, 40,
                List.of(new ModelMetrics.CurvePoint(0, 0), new ModelMetrics.CurvePoint(1, 1)),
                List.of(new ModelMetrics.CurvePoint(1, 0.2)),
                List.of(new ModelMetrics.ReliabilityBin(0, 0.5, 150, 0.1, 0.12)));
        return new RegisteredModel(version, TrainingId.random(), "tribuo-logistic-regression", "platt",
                "a".repeat(64), "c2lnbmF0dXJl", "b".repeat(64), List.of("logprobMean", "support"), windowFrom,
                windowFrom.plusSeconds(86_400), 42, 600, 200, 200, "d".repeat(64),
                List.of(new CandidateResult("logistic-regression", "tribuo-logistic-regression", 0.91, true)),
                metrics);
    }
}
