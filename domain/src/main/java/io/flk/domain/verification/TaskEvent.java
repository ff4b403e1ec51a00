package io.flk.domain.verification;

import io.flk.domain.budget.HardCapBehaviour;
import io.flk.domain.escalation.EscalationId;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * Everything recorded about one verified task. No prompt, answer or source text ever appears here:
 * only ids, numbers derived from the texts, and the caller's numeric features.
 */
public sealed interface TaskEvent {

    TenantId tenantId();

    String taskId();

    default TaskRef task() {
        return TaskRef.of(tenantId(), taskId());
    }

    /**
     * The decision, durable before the data plane hears it.
     *
     * @param llmModel            the model that produced the answer (a product name, not personal data)
     * @param modelVersions       version of each trained model that scored, by strategy id
     * @param features            PI-safe numeric features: derived from the texts plus the caller's own
     * @param verificationCostUsd the strategies' cost under the cost model
     * @param escalationId        the escalation this task opens, or {@code null} when it passed
     * @param decisionMicros      time from the request's arrival to the decision, before the durable append
     * @param budgetHardCap       the tenant's hard cap was in force and escalated the task without running the
     *                            strategies, or {@code null} when the ensemble decided
     * @param hrsShadowRisks      risk given by each HRS shadow version (by version), which never decides: recorded so
     *                            that the online AUC of a version is measured before it is promoted (revision 2)
     */
    @Revision("2")
    record TaskVerified(TenantId tenantId, String taskId, String llmModel, long policyVersion,
                        boolean controlGroup, Decision decision, Double risk, List<StrategyVerdict> verdicts,
                        Map<String, String> modelVersions, Map<String, Double> features, double llmCostUsd,
                        double verificationCostUsd, EscalationId escalationId, long decisionMicros,
                        Instant verifiedAt, HardCapBehaviour budgetHardCap,
                        Map<String, Double> hrsShadowRisks) implements TaskEvent {

        public TaskVerified {
            verdicts = List.copyOf(verdicts);
            hrsShadowRisks = hrsShadowRisks == null ? Map.of() : Map.copyOf(hrsShadowRisks);
            modelVersions = Map.copyOf(modelVersions);
            features = Map.copyOf(features);
        }
    }

    /** The strategies with a say did not vote unanimously. */
    @Revision("1")
    record EnsembleDisagreed(TenantId tenantId, String taskId, long policyVersion, boolean controlGroup,
                             Decision decision, List<StrategyName> groundedBy, List<StrategyName> hallucinatedBy,
                             Instant at) implements TaskEvent {

        public EnsembleDisagreed {
            groundedBy = List.copyOf(groundedBy);
            hallucinatedBy = List.copyOf(hallucinatedBy);
        }
    }

    /**
     * A human's verdict on the task, from its escalation or from a sampled review of a passed task.
     *
     * @param escalationId   the resolved escalation, or {@code null} for a review
     * @param reviewCostUsd  the cost of the human label under the cost model
     */
    @Revision("1")
    record TaskLabelled(TenantId tenantId, String taskId, Verdict verdict, LabelSource source,
                        EscalationId escalationId, String labelledBy, double reviewCostUsd, Instant at)
            implements TaskEvent {
    }
}
