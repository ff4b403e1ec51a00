package io.flk.projections.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.budget.BudgetCaps;
import io.flk.domain.budget.BudgetEvent.BudgetDefined;
import io.flk.domain.budget.BudgetEvent.BudgetHardCapLifted;
import io.flk.domain.budget.BudgetEvent.BudgetHardCapReached;
import io.flk.domain.budget.BudgetEvent.BudgetRevised;
import io.flk.domain.budget.BudgetEvent.LiftReason;
import io.flk.domain.budget.BudgetId;
import io.flk.domain.budget.BudgetQueries.BudgetView;
import io.flk.domain.budget.BudgetQueries.FindBudget;
import io.flk.domain.budget.BudgetQueries.FindHardCapEnforcement;
import io.flk.domain.budget.BudgetQueries.HardCapEnforcement;
import io.flk.domain.budget.DegradeAction;
import io.flk.domain.budget.HardCapBehaviour;
import io.flk.domain.tenant.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BudgetProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-10T08:00:00Z");
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final BudgetCaps CAPS = new BudgetCaps(new BigDecimal("80"), new BigDecimal("100"));

    private final BudgetProjection projection = new BudgetProjection(TestDatabase.get().dsl());
    private BudgetId id;

    @BeforeEach
    void freshTenant() {
        id = BudgetId.of(TenantId.of("b-" + UUID.randomUUID().toString().substring(0, 8)), NOVEMBER);
        projection.on(new BudgetDefined(id, CAPS, HardCapBehaviour.REJECT_429, DegradeAction.NONE, id.periodStart(),
                id.periodEnd(), "operator", T0), 0);
    }

    @Test
    void theHardCapIsEnforcedFromReachedUntilLifted() {
        assertThat(projection.handle(new FindHardCapEnforcement(id.tenantId()))).isEmpty();

        projection.on(new BudgetHardCapReached(id, new BigDecimal("101"), new BigDecimal("100"),
                HardCapBehaviour.REJECT_429, T0), 1);
        assertThat(projection.handle(new FindHardCapEnforcement(id.tenantId())))
                .contains(new HardCapEnforcement(id.tenantId().value(), NOVEMBER, HardCapBehaviour.REJECT_429));

        projection.on(new BudgetRevised(id, CAPS, new BudgetCaps(new BigDecimal("80"), new BigDecimal("200")),
                "operator", T0), 2);
        projection.on(new BudgetHardCapLifted(id, LiftReason.BUDGET_RAISED, new BigDecimal("101"),
                new BigDecimal("200"), T0), 3);
        assertThat(projection.handle(new FindHardCapEnforcement(id.tenantId()))).isEmpty();
        BudgetView view = projection.handle(new FindBudget(id)).orElseThrow();
        assertThat(view.hardCapUsd()).isEqualByComparingTo("200");
        assertThat(view.lastSpentUsd()).isEqualByComparingTo("101");
        assertThat(view.version()).isEqualTo(3);
    }

    @Test
    void aRedeliveredOlderEventDoesNotUndoANewerOne() {
        BudgetHardCapReached reached = new BudgetHardCapReached(id, new BigDecimal("101"), new BigDecimal("100"),
                HardCapBehaviour.REJECT_429, T0);
        projection.on(reached, 1);
        projection.on(new BudgetHardCapLifted(id, LiftReason.PERIOD_ENDED, new BigDecimal("101"),
                new BigDecimal("100"), T0), 2);
        projection.on(reached, 1);

        assertThat(projection.handle(new FindHardCapEnforcement(id.tenantId()))).isEmpty();
    }
}
