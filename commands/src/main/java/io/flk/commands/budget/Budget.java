package io.flk.commands.budget;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import io.flk.domain.budget.BudgetCaps;
import io.flk.domain.budget.BudgetCommands.CloseBudgetPeriod;
import io.flk.domain.budget.BudgetCommands.DefineBudget;
import io.flk.domain.budget.BudgetCommands.RecordBudgetSpend;
import io.flk.domain.budget.BudgetCommands.ReviseBudget;
import io.flk.domain.budget.BudgetEvent.BudgetDefined;
import io.flk.domain.budget.BudgetEvent.BudgetHardCapLifted;
import io.flk.domain.budget.BudgetEvent.BudgetHardCapReached;
import io.flk.domain.budget.BudgetEvent.BudgetPeriodClosed;
import io.flk.domain.budget.BudgetEvent.BudgetRevised;
import io.flk.domain.budget.BudgetEvent.BudgetSoftCapForecast;
import io.flk.domain.budget.BudgetEvent.LiftReason;
import io.flk.domain.budget.BudgetId;
import io.flk.domain.budget.DegradeAction;
import io.flk.domain.budget.HardCapBehaviour;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.verification.StrategyName;
import java.math.BigDecimal;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A tenant's budget for one month. Invariants: the soft cap is forecast at most once per soft cap (raising
 * it re-arms the warning); the hard cap is reached at most once until it is lifted, by a raise above the
 * spend or by the end of the period; nothing changes after the period is closed.
 */
@Aggregate
public class Budget {

    @AggregateIdentifier
    private BudgetId budgetId;
    private BudgetCaps caps;
    private HardCapBehaviour hardCapBehaviour;
    private DegradeAction degradeAction;
    private boolean softCapForecast;
    private boolean hardCapActive;
    private BigDecimal lastSpentUsd = BigDecimal.ZERO;
    private boolean closed;

    protected Budget() {
    }

    @CommandHandler
    public Budget(DefineBudget command) {
        if (command.hardCapBehaviour() == null) {
            throw new InvalidValue("hardCapBehaviour", "hardCapBehaviour must be ESCALATE_ALL or REJECT_429");
        }
        if (command.degradeAction() == null) {
            throw new InvalidValue("degradeAction", "degradeAction must be NONE or DISABLE_MOST_EXPENSIVE_STRATEGY");
        }
        BudgetId id = command.budgetId();
        apply(new BudgetDefined(id, command.caps(), command.hardCapBehaviour(), command.degradeAction(),
                id.periodStart(), id.periodEnd(), command.actor(), command.at()));
    }

    @CommandHandler
    public long handle(ReviseBudget command) {
        requireOpen();
        BudgetCaps after = command.caps();
        if (!after.equals(caps)) {
            apply(new BudgetRevised(budgetId, caps, after, command.actor(), command.at()));
            if (hardCapActive && after.hardCapUsd().compareTo(lastSpentUsd) > 0) {
                apply(new BudgetHardCapLifted(budgetId, LiftReason.BUDGET_RAISED, lastSpentUsd, after.hardCapUsd(),
                        command.at()));
            }
        }
        return getVersion();
    }

    /** Measurements arriving after the period closed are late and change nothing. */
    @CommandHandler
    public void handle(RecordBudgetSpend command) {
        requireAmount(command.spentUsd(), "spentUsd");
        if (command.forecastPeriodUsd() != null) {
            requireAmount(command.forecastPeriodUsd(), "forecastPeriodUsd");
        }
        if (closed) {
            return;
        }
        BigDecimal spent = command.spentUsd();
        // Spend already past the soft cap crosses it whatever the forecast says (or when none is possible yet).
        BigDecimal projected = command.forecastPeriodUsd() == null ? spent : command.forecastPeriodUsd().max(spent);
        if (!softCapForecast && projected.compareTo(caps.softCapUsd()) > 0) {
            apply(new BudgetSoftCapForecast(budgetId, spent, command.forecastPeriodUsd(), caps.softCapUsd(),
                    degradeAction, command.spendByStrategy(), mostExpensive(command.spendByStrategy()), command.at()));
        }
        if (!hardCapActive && spent.compareTo(caps.hardCapUsd()) >= 0) {
            apply(new BudgetHardCapReached(budgetId, spent, caps.hardCapUsd(), hardCapBehaviour, command.at()));
        }
    }

    @CommandHandler
    public void handle(CloseBudgetPeriod command) {
        if (closed) {
            return;
        }
        if (hardCapActive) {
            apply(new BudgetHardCapLifted(budgetId, LiftReason.PERIOD_ENDED, lastSpentUsd, caps.hardCapUsd(),
                    command.at()));
        }
        apply(new BudgetPeriodClosed(budgetId, lastSpentUsd, command.at()));
    }

    private void requireOpen() {
        if (closed) {
            throw new BusinessRuleViolation("budget-closed", "the budget period " + budgetId + " is closed");
        }
    }

    private static void requireAmount(BigDecimal amount, String field) {
        if (amount == null || amount.signum() < 0) {
            throw new InvalidValue(field, field + " must be a non-negative amount");
        }
    }

    private static StrategyName mostExpensive(Map<StrategyName, BigDecimal> spendByStrategy) {
        return spendByStrategy.entrySet().stream()
                .filter(entry -> entry.getValue().signum() > 0)
                .max(Map.Entry.<StrategyName, BigDecimal>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    @EventSourcingHandler
    void on(BudgetDefined event) {
        budgetId = event.budgetId();
        caps = event.caps();
        hardCapBehaviour = event.hardCapBehaviour();
        degradeAction = event.degradeAction();
    }

    @EventSourcingHandler
    void on(BudgetRevised event) {
        caps = event.after();
        if (event.after().softCapUsd().compareTo(event.before().softCapUsd()) > 0) {
            softCapForecast = false;
        }
    }

    @EventSourcingHandler
    void on(BudgetSoftCapForecast event) {
        softCapForecast = true;
        lastSpentUsd = lastSpentUsd.max(event.spentUsd());
    }

    @EventSourcingHandler
    void on(BudgetHardCapReached event) {
        hardCapActive = true;
        lastSpentUsd = lastSpentUsd.max(event.spentUsd());
    }

    @EventSourcingHandler
    void on(BudgetHardCapLifted event) {
        hardCapActive = false;
    }

    @EventSourcingHandler
    void on(BudgetPeriodClosed event) {
        closed = true;
    }
}
