package io.flk.api.cost;

import io.flk.domain.cost.CostQueries.DailySpend;
import io.flk.domain.cost.CostQueries.DaySpend;
import io.flk.domain.cost.CostQueries.FetchDailySpend;
import io.flk.domain.tenant.TenantId;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Daily spend of a tenant (or the platform) as a gap-free series from its first recorded day to the last
 * complete day: a day without any recorded cost really cost nothing, so it is a zero, not a missing value.
 */
@Component
public class DailySpendSeries {

    private final QueryGateway queries;

    public DailySpendSeries(QueryGateway queries) {
        this.queries = queries;
    }

    /** @param until exclusive: the first day not to include (today, which is not complete yet) */
    public double[] of(TenantId tenantId, LocalDate until) {
        DailySpend spend = queries.query(new FetchDailySpend(tenantId, LocalDate.EPOCH, until), DailySpend.class)
                .join();
        if (spend.firstDay() == null || !spend.firstDay().isBefore(until)) {
            return new double[0];
        }
        double[] series = new double[(int) ChronoUnit.DAYS.between(spend.firstDay(), until)];
        for (DaySpend day : spend.days()) {
            series[(int) ChronoUnit.DAYS.between(spend.firstDay(), day.day())] = day.costUsd().doubleValue();
        }
        return series;
    }
}
