package io.flk.api.cost;

import io.flk.api.security.CurrentPrincipal;
import io.flk.api.security.FlkPrincipal;
import io.flk.api.tenant.TenantDirectory;
import io.flk.api.web.ApiProblem;
import io.flk.domain.cost.CostQueries.FetchInternalDailyCost;
import io.flk.domain.cost.CostQueries.InternalDailyCosts;
import io.flk.domain.cost.ReconciliationQueries.FetchReconciliations;
import io.flk.domain.cost.ReconciliationQueries.ReconciliationList;
import io.flk.domain.cost.forecast.Forecast;
import io.flk.domain.cost.forecast.HoltWinters;
import io.flk.domain.cost.forecast.InsufficientHistory;
import io.flk.domain.tenant.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Internal cost attribution, spend forecasts and reconciliations against imported bills. */
@RestController
@RequestMapping("/api/v1/cost")
public class CostController {

    private static final Set<Integer> HORIZONS = Set.of(7, 30);
    private static final int MAX_DAYS = 366;
    private static final double LEVEL = 0.95;

    /** @param points day, point forecast and interval; negative values clipped at 0, spend cannot be negative */
    public record ForecastResponse(String tenantId, int horizon, double level, int historyDays, LocalDate lastDay,
                                   HoltWinters.Parameters parameters, double sigma, List<ForecastDay> points,
                                   double totalPointUsd) {
    }

    public record ForecastDay(LocalDate day, double pointUsd, double lowerUsd, double upperUsd) {
    }

    public record ReconciliationRequest(@NotNull LocalDate from, @NotNull LocalDate to) {
    }

    private final QueryGateway queries;
    private final CurrentPrincipal principal;
    private final TenantDirectory tenants;
    private final DailySpendSeries series;
    private final ReconciliationRunner reconciliations;
    private final Clock clock;

    public CostController(QueryGateway queries, CurrentPrincipal principal, TenantDirectory tenants,
                          DailySpendSeries series, ReconciliationRunner reconciliations, Clock clock) {
        this.queries = queries;
        this.principal = principal;
        this.tenants = tenants;
        this.series = series;
        this.reconciliations = reconciliations;
        this.clock = clock;
    }

    @GetMapping("/attribution")
    @PreAuthorize("hasAnyRole('operator', 'auditor', 'tenant')")
    public InternalDailyCosts attribution(@RequestParam(required = false) String tenantId,
                                          @RequestParam LocalDate from, @RequestParam LocalDate to) {
        requirePeriod(from, to);
        return queries.query(new FetchInternalDailyCost(scope(tenantId), from, to), InternalDailyCosts.class).join();
    }

    /** Without tenantId: the tenant's own forecast for a tenant principal, the platform total for staff. */
    @GetMapping("/forecasts")
    @PreAuthorize("hasAnyRole('operator', 'auditor', 'tenant')")
    public ForecastResponse forecast(@RequestParam(required = false) String tenantId, @RequestParam int horizon) {
        if (!HORIZONS.contains(horizon)) {
            throw ApiProblem.invalid("horizon", "horizon must be 7 or 30 days");
        }
        TenantId tenant = scope(tenantId);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        double[] history = series.of(tenant, today);
        Forecast forecast;
        try {
            forecast = HoltWinters.weekly().forecast(history, horizon, LEVEL);
        } catch (InsufficientHistory tooShort) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "insufficient-history", tooShort.getMessage(),
                    "tenantId");
        }
        List<ForecastDay> days = forecast.points().stream()
                .map(point -> new ForecastDay(today.plusDays(point.step() - 1), Math.max(0, point.point()),
                        Math.max(0, point.lower()), Math.max(0, point.upper())))
                .toList();
        return new ForecastResponse(tenant == null ? null : tenant.value(), horizon, LEVEL, history.length,
                today.minusDays(1), forecast.parameters(), forecast.sigma(), days,
                days.stream().mapToDouble(ForecastDay::pointUsd).sum());
    }

    @PostMapping("/reconciliations")
    @PreAuthorize("hasRole('operator')")
    public ResponseEntity<ReconciliationRunner.Outcome> reconcile(@Valid @RequestBody ReconciliationRequest request) {
        requirePeriod(request.from(), request.to());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(reconciliations.run(request.from(), request.to(), "on-demand", principal.get().name()));
    }

    @GetMapping("/reconciliations")
    @PreAuthorize("hasAnyRole('operator', 'auditor')")
    public ReconciliationList reconciliations(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiProblem.invalid("limit", "limit must be between 1 and 500");
        }
        return queries.query(new FetchReconciliations(limit), ReconciliationList.class).join();
    }

    /** The tenant to look at: tenant principals are held to their own; staff may ask for any or all (null). */
    private TenantId scope(String tenantId) {
        FlkPrincipal caller = principal.get();
        String requested = tenantId != null ? tenantId : caller.tenant().map(TenantId::value).orElse(null);
        if (requested == null && !caller.isStaff()) {
            throw ApiProblem.invalid("tenantId", "tenantId is required");
        }
        return requested == null ? null : tenants.visibleTo(caller, requested, "tenantId");
    }

    private static void requirePeriod(LocalDate from, LocalDate to) {
        if (!from.isBefore(to)) {
            throw ApiProblem.invalid("from", "from must be a day before to");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw ApiProblem.invalid("to", "a period is at most " + MAX_DAYS + " days");
        }
    }
}
