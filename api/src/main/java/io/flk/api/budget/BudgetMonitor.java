package io.flk.api.budget;

import io.flk.api.cost.DailySpendSeries;
import io.flk.domain.budget.BudgetCommands.RecordBudgetSpend;
import io.flk.domain.budget.BudgetId;
import io.flk.domain.budget.BudgetQueries.BudgetList;
import io.flk.domain.budget.BudgetQueries.BudgetView;
import io.flk.domain.budget.BudgetQueries.FetchOpenBudgets;
import io.flk.domain.cost.CostComponent;
import io.flk.domain.cost.CostQueries.FetchInternalDailyCost;
import io.flk.domain.cost.CostQueries.InternalDailyCost;
import io.flk.domain.cost.CostQueries.InternalDailyCosts;
import io.flk.domain.cost.forecast.HoltWinters;
import io.flk.domain.cost.forecast.InsufficientHistory;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.StrategyName;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Measures each open budget of the current month: spend so far (today included) and, when the history allows a
 * forecast, spend so far plus the forecast for the remaining days. The Budget aggregate decides what crossing
 * a cap means; this only reports the figures.
 */
@Component
public class BudgetMonitor {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final DailySpendSeries series;
    private final Clock clock;

    public BudgetMonitor(CommandGateway commands, QueryGateway queries, DailySpendSeries series, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.series = series;
        this.clock = clock;
    }

    public void measureOpenBudgets() {
        YearMonth period = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        for (BudgetView budget : queries.query(new FetchOpenBudgets(period), BudgetList.class).join().budgets()) {
            measure(BudgetId.of(TenantId.of(budget.tenantId()), period));
        }
    }

    public void measure(BudgetId budgetId) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate start = budgetId.period().atDay(1);
        LocalDate end = budgetId.period().plusMonths(1).atDay(1);
        var lines = queries.query(new FetchInternalDailyCost(budgetId.tenantId(), start, end), InternalDailyCosts.class)
                .join().lines();
        BigDecimal spent = BigDecimal.ZERO;
        Map<StrategyName, BigDecimal> byStrategy = new EnumMap<>(StrategyName.class);
        for (InternalDailyCost line : lines) {
            spent = spent.add(line.costUsd());
            if (line.component() == CostComponent.VERIFICATION && line.strategy() != null) {
                byStrategy.merge(StrategyName.of(line.strategy()), line.costUsd(), BigDecimal::add);
            }
        }
        commands.sendAndWait(new RecordBudgetSpend(budgetId, spent, forecastPeriod(budgetId, spent, today, end),
                byStrategy, clock.instant()));
    }

    /**
     * Spend so far plus the forecast from tomorrow to the period end. Today is not complete, so the model is fed
     * complete days only and today's remainder is left out rather than guessed; null without enough history.
     */
    private BigDecimal forecastPeriod(BudgetId budgetId, BigDecimal spent, LocalDate today, LocalDate end) {
        int remaining = (int) ChronoUnit.DAYS.between(today, end) - 1;
        if (remaining <= 0) {
            return spent;
        }
        try {
            double[] history = series.of(budgetId.tenantId(), today);
            double ahead = HoltWinters.weekly().forecast(history, remaining, 0.95).points().stream()
                    .mapToDouble(point -> Math.max(0, point.point())).sum();
            return spent.add(BigDecimal.valueOf(ahead)).setScale(6, RoundingMode.HALF_EVEN);
        } catch (InsufficientHistory notYet) {
            return null;
        }
    }
}
