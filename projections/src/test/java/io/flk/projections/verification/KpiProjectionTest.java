package io.flk.projections.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.KpiQueries.FetchKpis;
import io.flk.domain.verification.KpiQueries.KpiReport;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.EnsembleDisagreed;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.TaskRef;
import io.flk.domain.verification.Vote;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KpiProjectionTest {

    private static final Instant DAY_ONE = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant DAY_TWO = Instant.parse("2026-11-27T10:00:00Z");

    private final KpiProjection projection = new KpiProjection(TestDatabase.get().dsl());
    private TenantId tenant;

    @BeforeEach
    void freshTenant() {
        tenant = TenantId.of("k-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void containmentCountsCaughtAgainstEscapedHallucinationsPerGroup() {
        verify("caught", Decision.ESCALATED, false, DAY_ONE, 900);
        verify("escaped", Decision.PASS, false, DAY_ONE, 1_100);
        verify("trusted", Decision.PASS, false, DAY_TWO, 1_300);
        verify("control-escaped", Decision.PASS, true, DAY_TWO, 2_000);
        label("caught", Verdict.HALLUCINATION);
        label("escaped", Verdict.HALLUCINATION);
        label("trusted", Verdict.GROUNDED);
        label("control-escaped", Verdict.HALLUCINATION);

        KpiReport report = report();

        assertThat(report.treatment().counts().tasks()).isEqualTo(3);
        assertThat(report.treatment().containmentRate()).isEqualTo(0.5);
        assertThat(report.control().containmentRate()).isEqualTo(0.0);
        assertThat(report.containmentDeltaVsControl()).isEqualTo(0.5);
        assertThat(report.treatment().trustedTasks()).isEqualTo(1);
        // 3 tasks x (0.01 LLM + 0.001 verification) + 3 labels x 2.00, over one trusted task
        assertThat(report.treatment().costPerTrustedTaskUsd()).isEqualByComparingTo(new BigDecimal("6.033"));
        assertThat(report.rows()).hasSize(3);
    }

    @Test
    void aLabelLandsInTheDayAndPolicyVersionOfItsTaskNotOfTheLabel() {
        verify("old", Decision.PASS, false, DAY_ONE, 1_000);
        projection.on(new TaskLabelled(tenant, "old", Verdict.HALLUCINATION, LabelSource.REVIEW, null, "alice", 2.0,
                DAY_TWO));

        KpiReport report = report();

        assertThat(report.rows()).singleElement().satisfies(row -> {
            assertThat(row.day()).isEqualTo(LocalDate.parse("2026-11-26"));
            assertThat(row.figures().counts().escapedHallucinations()).isEqualTo(1);
        });
    }

    @Test
    void redeliveredEventsAreCountedOnce() {
        TaskVerified task = verify("once", Decision.ESCALATED, false, DAY_ONE, 1_000);
        EnsembleDisagreed disagreement = new EnsembleDisagreed(tenant, "once", 1, false, Decision.ESCALATED,
                List.of(StrategyName.HRS), List.of(StrategyName.RAG_GROUNDING), DAY_ONE);
        projection.on(disagreement);
        projection.on(task);
        projection.on(disagreement);
        label("once", Verdict.HALLUCINATION);
        label("once", Verdict.GROUNDED);

        KpiReport report = report();

        assertThat(report.treatment().counts().tasks()).isEqualTo(1);
        assertThat(report.treatment().counts().disagreements()).isEqualTo(1);
        assertThat(report.treatment().counts().labelled()).isEqualTo(1);
        assertThat(report.treatment().counts().caughtHallucinations()).isEqualTo(1);
        assertThat(report.treatment().disagreementRate()).isEqualTo(1.0);
    }

    @Test
    void latencyPercentilesComeFromTheMergedHistogramWithinItsResolution() {
        for (int i = 1; i <= 100; i++) {
            verify("l-" + i, Decision.PASS, false, i % 2 == 0 ? DAY_ONE : DAY_TWO, i * 100L);
        }

        KpiReport report = report();

        assertThat(report.treatment().verifyP50Ms()).isCloseTo(5.0, within(5.0 * 0.05));
        assertThat(report.treatment().verifyP95Ms()).isCloseTo(9.5, within(9.5 * 0.05));
        assertThat(report.treatment().verifyP99Ms()).isCloseTo(9.9, within(9.9 * 0.05));
        assertThat(report.control().verifyP50Ms()).isNull();
    }

    private KpiReport report() {
        return projection.handle(new FetchKpis(tenant, LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-30")));
    }

    private TaskVerified verify(String taskId, Decision decision, boolean control, Instant at, long micros) {
        StrategyVerdict verdict = new StrategyVerdict(StrategyName.HRS, 0.4, Vote.HALLUCINATED, 100, 0.001, false,
                false, "hrs-1");
        TaskVerified task = new TaskVerified(tenant, taskId, "gpt-4o", 1, control, decision, 0.6, List.of(verdict),
                Map.of("hrs", "hrs-1"), Map.of(), 0.01, 0.001,
                decision == Decision.ESCALATED ? TaskRef.of(tenant, taskId).escalationId() : null, micros, at, null, Map.of());
        projection.on(task);
        return task;
    }

    private void label(String taskId, Verdict verdict) {
        projection.on(new TaskLabelled(tenant, taskId, verdict, LabelSource.REVIEW, null, "alice", 2.0, DAY_TWO));
    }
}
