package io.flk.domain.verification;

import io.flk.domain.tenant.TenantId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The containment KPIs, per day, policy version and group, and summed over the range per group. */
public final class KpiQueries {

    private KpiQueries() {
    }

    /** Days {@code from} to {@code to}, both inclusive (UTC). */
    public record FetchKpis(TenantId tenantId, LocalDate from, LocalDate to) {
    }

    public record KpiFigures(KpiCounters counts, long trustedTasks, Double containmentRate, Double disagreementRate,
                             BigDecimal costPerTrustedTaskUsd, Double verifyP50Ms, Double verifyP95Ms,
                             Double verifyP99Ms) {

        public static KpiFigures of(KpiCounters counts, LatencyHistogram latency) {
            return new KpiFigures(counts, counts.trustedTasks(), counts.containmentRate(), counts.disagreementRate(),
                    counts.costPerTrustedTaskUsd(), latency.percentileMillis(0.50), latency.percentileMillis(0.95),
                    latency.percentileMillis(0.99));
        }
    }

    public record KpiRow(LocalDate day, long policyVersion, boolean controlGroup, KpiFigures figures) {
    }

    /**
     * @param containmentDeltaVsControl treatment minus control containment rate, {@code null} while either
     *                                  group has no labelled hallucination
     */
    public record KpiReport(String tenantId, LocalDate from, LocalDate to, KpiFigures treatment, KpiFigures control,
                            Double containmentDeltaVsControl, List<KpiRow> rows) {

        public KpiReport {
            rows = List.copyOf(rows);
        }
    }
}
