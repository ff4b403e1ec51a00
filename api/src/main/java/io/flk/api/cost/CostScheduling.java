package io.flk.api.cost;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.flk.api.budget.BudgetMonitor;
import java.time.Duration;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recurring cost jobs as db-scheduler tasks: their single row in {@code scheduled_tasks} is claimed by one
 * instance at a time, so with several instances of the app each run happens once.
 */
@Configuration(proxyBeanMethods = false)
public class CostScheduling {

    public static final String RECONCILIATION_TASK = "cost-reconciliation";
    public static final String BUDGET_MONITOR_TASK = "budget-monitor";

    @Bean
    @ConditionalOnExpression("'${flk.cost.reconciliation.cron:0 30 2 * * *}' != '-'")
    RecurringTask<Void> nightlyReconciliation(ReconciliationRunner runner,
                                              @Value("${flk.cost.reconciliation.cron:0 30 2 * * *}") String cron) {
        return Tasks.recurring(RECONCILIATION_TASK, Schedules.cron(cron, ZoneOffset.UTC))
                .execute((instance, context) -> runner.runNightly());
    }

    @Bean
    RecurringTask<Void> budgetMonitoring(BudgetMonitor monitor,
                                         @Value("${flk.budget.monitor-interval:PT5M}") Duration interval) {
        return Tasks.recurring(BUDGET_MONITOR_TASK, Schedules.fixedDelay(interval))
                .execute((instance, context) -> monitor.measureOpenBudgets());
    }
}
