package io.flk.domain.verification;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The counts behind the containment KPIs of one slice of traffic (DESIGN.md section 1): caught
 * hallucinations were escalated and labelled hallucination; escaped ones passed and were labelled so.
 */
public record KpiCounters(long tasks, long escalated, long disagreements, long labelled, long caughtHallucinations,
                          long escapedHallucinations, BigDecimal llmCostUsd, BigDecimal verificationCostUsd,
                          BigDecimal reviewCostUsd) {

    public static final KpiCounters NONE = new KpiCounters(0, 0, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO);

    public KpiCounters plus(KpiCounters other) {
        return new KpiCounters(tasks + other.tasks, escalated + other.escalated, disagreements + other.disagreements,
                labelled + other.labelled, caughtHallucinations + other.caughtHallucinations,
                escapedHallucinations + other.escapedHallucinations, llmCostUsd.add(other.llmCostUsd),
                verificationCostUsd.add(other.verificationCostUsd), reviewCostUsd.add(other.reviewCostUsd));
    }

    public long labelledHallucinations() {
        return caughtHallucinations + escapedHallucinations;
    }

    /** Caught / all labelled hallucinations; {@code null} until a hallucination was labelled. */
    public Double containmentRate() {
        long hallucinations = labelledHallucinations();
        return hallucinations == 0 ? null : (double) caughtHallucinations / hallucinations;
    }

    public Double disagreementRate() {
        return tasks == 0 ? null : (double) disagreements / tasks;
    }

    /** Passed tasks not labelled hallucination. */
    public long trustedTasks() {
        return tasks - escalated - escapedHallucinations;
    }

    /** (LLM + verification + review cost) / trusted tasks; {@code null} without a trusted task. */
    public BigDecimal costPerTrustedTaskUsd() {
        long trusted = trustedTasks();
        return trusted <= 0 ? null : llmCostUsd.add(verificationCostUsd).add(reviewCostUsd)
                .divide(BigDecimal.valueOf(trusted), 8, RoundingMode.HALF_UP);
    }
}
