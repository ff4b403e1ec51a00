package io.flk.domain.verification;

import io.flk.domain.tenant.TenantId;
import java.util.List;
import java.util.Map;

/**
 * One task as the strategies see it. The texts are used in memory and never stored: only the numbers
 * derived from them ({@link AnswerFeatures}) and the caller's numeric {@code features} reach events.
 *
 * @param pinnedHrsVersion the HRS version an operator asked to score this task with (for testing a version before
 *                         it is routed), or {@code null} to follow the tenant's routing
 */
public record VerificationInput(TenantId tenantId, String taskId, String prompt, String answer,
                                List<SourcePassage> sources, List<Citation> citations,
                                Map<String, Double> features, String pinnedHrsVersion) {

    public VerificationInput(TenantId tenantId, String taskId, String prompt, String answer,
                             List<SourcePassage> sources, List<Citation> citations, Map<String, Double> features) {
        this(tenantId, taskId, prompt, answer, sources, citations, features, null);
    }

    public VerificationInput {
        sources = List.copyOf(sources);
        citations = citations == null ? List.of() : List.copyOf(citations);
        features = features == null ? Map.of() : Map.copyOf(features);
        prompt = prompt == null ? "" : prompt;
    }
}
