package io.flk.projections.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.cost.CostComponent;
import io.flk.domain.cost.CostQueries.AttributedCostTotal;
import io.flk.domain.cost.CostQueries.DaySpend;
import io.flk.domain.cost.CostQueries.FetchAttributedCostTotals;
import io.flk.domain.cost.CostQueries.FetchDailySpend;
import io.flk.domain.cost.CostQueries.FetchInternalDailyCost;
import io.flk.domain.cost.CostQueries.InternalDailyCost;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.Vote;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CostAttributionProjectionTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-20");
    private static final Instant AT = Instant.parse("2026-11-20T23:59:59Z");

    private final CostAttributionProjection projection = new CostAttributionProjection(TestDatabase.get().dsl());
    private TenantId tenant;

    @BeforeEach
    void freshTenant() {
        tenant = TenantId.of("c-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void llmStrategyAndReviewCostsAreAttributedPerModelComponentStrategyAndUtcDay() {
        projection.on(verified("t-1", "gpt-4o", 0.0021, 0.0004, 0.0010, AT), eventId());
        projection.on(verified("t-2", "gpt-4o", 0.0019, 0.0004, 0.0, AT.plusSeconds(1)), eventId());
        projection.on(verified("t-3", "claude", 0.0100, 0.0004, 0.0010, AT), eventId());
        projection.on(new TaskLabelled(tenant, "t-1", Verdict.HALLUCINATION, LabelSource.ESCALATION, null, "carol",
                0.75, AT.plusSeconds(3600)), eventId());

        List<InternalDailyCost> lines = projection.handle(new FetchInternalDailyCost(tenant, DAY, DAY.plusDays(2)))
                .lines();

        assertThat(lines).extracting(InternalDailyCost::day, InternalDailyCost::llmModel, InternalDailyCost::component,
                        InternalDailyCost::strategy, line -> line.costUsd().doubleValue())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DAY, "claude", CostComponent.LLM, null, 0.0100),
                        org.assertj.core.groups.Tuple.tuple(DAY, "claude", CostComponent.VERIFICATION, "hrs", 0.0004),
                        org.assertj.core.groups.Tuple.tuple(DAY, "claude", CostComponent.VERIFICATION, "micro-vote", 0.0010),
                        org.assertj.core.groups.Tuple.tuple(DAY, "gpt-4o", CostComponent.LLM, null, 0.0021),
                        org.assertj.core.groups.Tuple.tuple(DAY, "gpt-4o", CostComponent.VERIFICATION, "hrs", 0.0004),
                        org.assertj.core.groups.Tuple.tuple(DAY, "gpt-4o", CostComponent.VERIFICATION, "micro-vote", 0.0010),
                        // t-2 was verified one second after midnight UTC: the next day
                        org.assertj.core.groups.Tuple.tuple(DAY.plusDays(1), "gpt-4o", CostComponent.LLM, null, 0.0019),
                        org.assertj.core.groups.Tuple.tuple(DAY.plusDays(1), "gpt-4o", CostComponent.HUMAN_REVIEW, null,
                                0.75),
                        org.assertj.core.groups.Tuple.tuple(DAY.plusDays(1), "gpt-4o", CostComponent.VERIFICATION, "hrs",
                                0.0004));
    }

    @Test
    void aRedeliveredEventIsCountedOnce() {
        TaskVerified event = verified("t-1", "gpt-4o", 0.5, 0.25, 0.25, AT);
        String id = eventId();
        projection.on(event, id);
        projection.on(event, id);

        assertThat(projection.handle(new FetchDailySpend(tenant, DAY, DAY.plusDays(1))).days())
                .containsExactly(new DaySpend(DAY, new BigDecimal("1.000000000000")));
    }

    @Test
    void dailySpendNamesTheFirstDayAndTotalsFeedTheGauge() {
        projection.on(verified("t-1", "gpt-4o", 1, 0, 0, AT.minusSeconds(86_400 * 3)), eventId());
        projection.on(verified("t-2", "gpt-4o", 2, 0.5, 0, AT), eventId());

        var spend = projection.handle(new FetchDailySpend(tenant, DAY.minusDays(10), DAY.plusDays(1)));
        assertThat(spend.firstDay()).isEqualTo(DAY.minusDays(3));
        assertThat(spend.days()).hasSize(2);
        assertThat(projection.handle(new FetchAttributedCostTotals()).totals())
                .filteredOn(total -> total.tenantId().equals(tenant.value()))
                .extracting(AttributedCostTotal::component, total -> total.costUsd().doubleValue())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(CostComponent.LLM, 3.0),
                        org.assertj.core.groups.Tuple.tuple(CostComponent.VERIFICATION, 0.5));
    }

    private TaskVerified verified(String taskId, String model, double llm, double hrs, double microVote, Instant at) {
        return new TaskVerified(tenant, taskId, model, 1, false, Decision.PASS, 0.1,
                List.of(new StrategyVerdict(StrategyName.HRS, 0.9, Vote.GROUNDED, 100, hrs, false, false, "v1"),
                        new StrategyVerdict(StrategyName.MICRO_VOTE, 0.8, Vote.GROUNDED, 900, microVote, false, false,
                                "v1")),
                Map.of(), Map.of(), llm, hrs + microVote, null, 1_000, at, null, Map.of());
    }

    private static String eventId() {
        return UUID.randomUUID().toString();
    }
}
