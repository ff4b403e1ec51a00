package io.flk.projections.hrs;

import static io.flk.projections.hrs.HrsFixtures.AT;
import static io.flk.projections.hrs.HrsFixtures.freshTenant;
import static io.flk.projections.hrs.HrsFixtures.labelled;
import static io.flk.projections.hrs.HrsFixtures.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.hrs.HrsModelQueries.FetchHrsOnlinePerformance;
import io.flk.domain.hrs.HrsModelQueries.HrsVersionPerformance;
import io.flk.domain.tenant.TenantId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HrsOnlineScoreProjectionTest {

    private final HrsOnlineScoreProjection projection = new HrsOnlineScoreProjection(TestDatabase.get().dsl());
    private final TenantId tenant = freshTenant();

    @Test
    void eachVersionIsMeasuredOnTheTasksItDecidedOrShadowed() {
        // champion hrs-1 ranks one grounded task above a hallucination; shadow hrs-2 ranks all four right
        task("t-1", "hrs-1", 0.9, Map.of("hrs-2", 0.1), Verdict.GROUNDED);
        task("t-2", "hrs-1", 0.3, Map.of("hrs-2", 0.2), Verdict.GROUNDED);
        task("t-3", "hrs-1", 0.4, Map.of("hrs-2", 0.8), Verdict.HALLUCINATION);
        task("t-4", "hrs-1", 0.1, Map.of("hrs-2", 0.9), Verdict.HALLUCINATION);
        task("t-5", "hrs-1", 0.5, Map.of("hrs-2", 0.5), null);

        List<HrsVersionPerformance> versions = performance();

        assertThat(versions).extracting(HrsVersionPerformance::modelVersion).containsExactly("hrs-1", "hrs-2");
        HrsVersionPerformance champion = versions.get(0);
        assertThat(champion).extracting(HrsVersionPerformance::deciding, HrsVersionPerformance::shadowed,
                HrsVersionPerformance::labelled, HrsVersionPerformance::hallucinated)
                .containsExactly(5L, 0L, 4L, 2L);
        // risks 0.1, 0.7 (grounded) against 0.6, 0.9 (hallucinated): 3 of 4 pairs ordered right
        assertThat(champion.onlineAuc()).isCloseTo(0.75, within(1e-12));
        HrsVersionPerformance shadow = versions.get(1);
        assertThat(shadow).extracting(HrsVersionPerformance::deciding, HrsVersionPerformance::shadowed,
                HrsVersionPerformance::labelled, HrsVersionPerformance::hallucinated)
                .containsExactly(0L, 5L, 4L, 2L);
        assertThat(shadow.onlineAuc()).isEqualTo(1.0);
    }

    @Test
    void aVersionWithoutBothClassesLabelledHasNoAuc() {
        task("t-1", "hrs-1", 0.9, Map.of("hrs-2", 0.1), Verdict.GROUNDED);
        task("t-2", "hrs-1", 0.8, Map.of(), Verdict.HALLUCINATION);
        task("t-3", "hrs-1", 0.7, Map.of("hrs-2", 0.3), Verdict.UNSURE);

        List<HrsVersionPerformance> versions = performance();

        assertThat(versions.get(0).onlineAuc()).isEqualTo(1.0);
        assertThat(versions.get(1)).isEqualTo(new HrsVersionPerformance("hrs-2", 0, 2, 1, 0, null));
    }

    @Test
    void aDecidingHrsWithoutAScoreGivesNoRiskButItsShadowsStillCount() {
        projection.on(verified(tenant, "t-1", AT, Map.of(), "hrs-1", null, Map.of("hrs-2", 0.4)));
        projection.on(verified(tenant, "t-2", AT, Map.of(), null, null, Map.of()));

        assertThat(performance()).containsExactly(new HrsVersionPerformance("hrs-2", 0, 1, 0, 0, null));
    }

    @Test
    void redeliveredTasksAndLabelsAreCountedOnceAndStayInTheirTenant() {
        task("t-1", "hrs-1", 0.9, Map.of(), Verdict.GROUNDED);
        task("t-1", "hrs-1", 0.9, Map.of(), Verdict.GROUNDED);

        assertThat(performance()).containsExactly(new HrsVersionPerformance("hrs-1", 1, 0, 1, 0, null));
        assertThat(projection.handle(new FetchHrsOnlinePerformance(freshTenant())).versions()).isEmpty();
    }

    @Test
    void aHundredThousandScoresOfATenantAreMeasuredInOneAnswer() {
        // Written by SQL: the query is under test, not a hundred thousand handler calls. Every third task is
        // labelled; the champion's risk ranks every labelled hallucination above every labelled grounded task.
        TestDatabase.get().dsl().execute("""
                insert into hrs_online_score (tenant_id, task_id, model_version, deciding, risk, hallucinated)
                select ?, 't-' || i, 'hrs-1', true, i / 100000.0,
                    case when i % 3 = 0 then i > 50000 end
                from generate_series(1, 100000) as i
                """, tenant.value());

        long started = System.nanoTime();
        HrsVersionPerformance champion = performance().get(0);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(champion).isEqualTo(new HrsVersionPerformance("hrs-1", 100_000, 0, 33_333, 16_667, 1.0));
        System.out.printf("measured 100000 online scores in %d ms%n", millis);
    }

    /** @param hrsScore the deciding version's score: its risk is 1 - score */
    private void task(String taskId, String deciding, double hrsScore, Map<String, Double> shadows, Verdict label) {
        projection.on(verified(tenant, taskId, AT, Map.of(), deciding, hrsScore, shadows));
        if (label != null) {
            projection.on(labelled(tenant, taskId, label, AT.plusSeconds(60)));
        }
    }

    private List<HrsVersionPerformance> performance() {
        return projection.handle(new FetchHrsOnlinePerformance(tenant)).versions();
    }
}
