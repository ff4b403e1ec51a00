package io.flk.api.verification;

import io.flk.api.security.CurrentPrincipal;
import io.flk.api.security.FlkPrincipal;
import io.flk.api.tenant.TenantDirectory;
import io.flk.api.web.ApiProblem;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.KpiQueries.FetchKpis;
import io.flk.domain.verification.KpiQueries.KpiReport;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Containment KPIs of a tenant, treatment vs control, per day and policy version and over the range. */
@RestController
@RequestMapping("/api/v1/kpis")
public class KpiController {

    static final int MAX_DAYS = 366;

    private final QueryGateway queries;
    private final CurrentPrincipal principal;
    private final TenantDirectory tenants;
    private final Clock clock;

    public KpiController(QueryGateway queries, CurrentPrincipal principal, TenantDirectory tenants, Clock clock) {
        this.queries = queries;
        this.principal = principal;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** Days in UTC; {@code to} defaults to today, {@code from} to six days before {@code to}. */
    @GetMapping
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public KpiReport kpis(@RequestParam(required = false) String tenantId,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        FlkPrincipal caller = principal.get();
        String requested = tenantId != null ? tenantId : caller.tenant().map(TenantId::value)
                .orElseThrow(() -> ApiProblem.invalid("tenantId", "tenantId is required"));
        TenantId id = tenants.visibleTo(caller, requested, "tenantId");
        LocalDate last = to != null ? to : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = from != null ? from : last.minusDays(6);
        if (first.isAfter(last)) {
            throw ApiProblem.invalid("from", "from must not be after to");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw ApiProblem.invalid("from", "the range may cover at most " + MAX_DAYS + " days");
        }
        return queries.query(new FetchKpis(id, first, last), KpiReport.class).join();
    }
}
