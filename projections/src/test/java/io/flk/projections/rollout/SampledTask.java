package io.flk.projections.rollout;

import io.flk.domain.budget.HardCapBehaviour;
import io.flk.domain.escalation.EscalationId;
import io.flk.domain.escalation.Verdict;
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

/**
 * A verified task as the rollout-sample tests write it: a passed treatment-group task decided by HRS
 * {@code hrs-1} under policy version 1, in 1 ms, for 0.01 + 0.002 USD, unless told otherwise.
 */
final class SampledTask {

    private final String taskId;
    private final Instant at;
    private String hrsVersion = "hrs-1";
    private long policyVersion = 1;
    private long decisionMicros = 1_000;
    private boolean timedOut;
    private boolean failed;
    private boolean escalated;
    private double llmCostUsd = 0.01;
    private double verificationCostUsd = 0.002;
    private boolean controlGroup;
    private HardCapBehaviour hardCap;

    private SampledTask(String taskId, Instant at) {
        this.taskId = taskId;
        this.at = at;
    }

    static SampledTask task(String taskId, Instant at) {
        return new SampledTask(taskId, at);
    }

    /** @param version {@code null}: no HRS scored the task */
    SampledTask hrs(String version) {
        this.hrsVersion = version;
        return this;
    }

    SampledTask policy(long version) {
        this.policyVersion = version;
        return this;
    }

    SampledTask micros(long micros) {
        this.decisionMicros = micros;
        return this;
    }

    SampledTask timedOut() {
        this.timedOut = true;
        return this;
    }

    SampledTask failed() {
        this.failed = true;
        return this;
    }

    SampledTask escalated() {
        this.escalated = true;
        return this;
    }

    SampledTask costs(double llm, double verification) {
        this.llmCostUsd = llm;
        this.verificationCostUsd = verification;
        return this;
    }

    SampledTask controlGroup() {
        this.controlGroup = true;
        return this;
    }

    SampledTask hardCapped() {
        this.hardCap = HardCapBehaviour.ESCALATE_ALL;
        this.escalated = true;
        return this;
    }

    /** The RAG verdict carries the failure or timeout; the HRS verdict (when it scored) never fails. */
    TaskVerified verified(TenantId tenant) {
        StrategyVerdict rag = new StrategyVerdict(StrategyName.RAG_GROUNDING, timedOut || failed ? null : 0.8,
                Vote.GROUNDED, 300, 0.001, timedOut, failed, null);
        List<StrategyVerdict> verdicts = hrsVersion == null ? List.of(rag)
                : List.of(rag, new StrategyVerdict(StrategyName.HRS, 0.7, Vote.GROUNDED, 200, 0.001, false, false,
                hrsVersion));
        return new TaskVerified(tenant, taskId, "gpt-4o", policyVersion, controlGroup,
                escalated ? Decision.ESCALATED : Decision.PASS, escalated ? 0.8 : 0.2, verdicts,
                hrsVersion == null ? Map.of() : Map.of(StrategyName.HRS.id(), hrsVersion), Map.of(), llmCostUsd,
                verificationCostUsd, escalated ? EscalationId.random() : null, decisionMicros, at, hardCap, Map.of());
    }

    static TaskLabelled labelled(TenantId tenant, String taskId, Verdict verdict, double reviewCostUsd, Instant at) {
        return new TaskLabelled(tenant, taskId, verdict, LabelSource.REVIEW, null, "reviewer", reviewCostUsd, at);
    }
}
