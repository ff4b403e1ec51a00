package io.flk.api.budget;

import io.flk.api.security.CurrentPrincipal;
import io.flk.api.security.FlkPrincipal;
import io.flk.api.tenant.TenantDirectory;
import io.flk.api.web.ApiProblem;
import io.flk.api.web.ETags;
import io.flk.domain.budget.BudgetCaps;
import io.flk.domain.budget.BudgetCommands.DefineBudget;
import io.flk.domain.budget.BudgetCommands.ReviseBudget;
import io.flk.domain.budget.BudgetId;
import io.flk.domain.budget.BudgetQueries.BudgetList;
import io.flk.domain.budget.BudgetQueries.BudgetView;
import io.flk.domain.budget.BudgetQueries.FetchBudgets;
import io.flk.domain.budget.BudgetQueries.FindBudget;
import io.flk.domain.budget.DegradeAction;
import io.flk.domain.budget.HardCapBehaviour;
import io.flk.domain.tenant.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Monthly budgets per tenant: operators define and revise them; auditors and the tenant itself read them. */
@RestController
@RequestMapping("/api/v1/budgets")
public class BudgetController {

    public record DefineBudgetRequest(@NotNull String tenantId, @NotNull String period, @NotNull BigDecimal softCapUsd,
                                      @NotNull BigDecimal hardCapUsd, @NotNull HardCapBehaviour hardCapBehaviour,
                                      DegradeAction degradeAction) {
    }

    public record ReviseBudgetRequest(@NotNull BigDecimal softCapUsd, @NotNull BigDecimal hardCapUsd) {
    }

    public record BudgetChanged(String tenantId, String period, long version) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final CurrentPrincipal principal;
    private final TenantDirectory tenants;
    private final Clock clock;

    public BudgetController(CommandGateway commands, QueryGateway queries, CurrentPrincipal principal,
                            TenantDirectory tenants, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.principal = principal;
        this.tenants = tenants;
        this.clock = clock;
    }

    @PostMapping
    @PreAuthorize("hasRole('operator')")
    public ResponseEntity<BudgetChanged> define(@Valid @RequestBody DefineBudgetRequest request) {
        BudgetId id = BudgetId.of(TenantId.of(request.tenantId()), period(request.period(), "period"));
        BudgetCaps caps = new BudgetCaps(request.softCapUsd(), request.hardCapUsd());
        tenants.requireActive(id.tenantId(), "tenantId");
        commands.sendAndWait(new DefineBudget(id, caps, request.hardCapBehaviour(),
                request.degradeAction() == null ? DegradeAction.NONE : request.degradeAction(), principal.get().name(),
                clock.instant()));
        return ResponseEntity.created(URI.create(path(id))).eTag(ETags.of(0))
                .body(new BudgetChanged(id.tenantId().value(), id.period().toString(), 0));
    }

    @PutMapping("/{tenantId}/{period}")
    @PreAuthorize("hasRole('operator')")
    public ResponseEntity<BudgetChanged> revise(@PathVariable String tenantId, @PathVariable String period,
                                                @RequestHeader(name = ETags.IF_MATCH, required = false) String ifMatch,
                                                @Valid @RequestBody ReviseBudgetRequest request) {
        BudgetId id = BudgetId.of(TenantId.of(tenantId), period(period, "period"));
        BudgetCaps caps = new BudgetCaps(request.softCapUsd(), request.hardCapUsd());
        long version = commands.sendAndWait(new ReviseBudget(id, caps, ETags.expectedVersion(ifMatch),
                principal.get().name(), clock.instant()));
        return ResponseEntity.ok().eTag(ETags.of(version))
                .body(new BudgetChanged(id.tenantId().value(), id.period().toString(), version));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('operator', 'auditor', 'tenant')")
    public BudgetList list(@RequestParam(required = false) String tenantId) {
        FlkPrincipal caller = principal.get();
        String requested = tenantId != null ? tenantId : caller.tenant().map(TenantId::value).orElse(null);
        TenantId id = requested == null ? null : tenants.visibleTo(caller, requested, "tenantId");
        return queries.query(new FetchBudgets(id), BudgetList.class).join();
    }

    @GetMapping("/{tenantId}/{period}")
    @PreAuthorize("hasAnyRole('operator', 'auditor', 'tenant')")
    public ResponseEntity<BudgetView> get(@PathVariable String tenantId, @PathVariable String period) {
        TenantId tenant = tenants.visibleTo(principal.get(), tenantId, "tenantId");
        BudgetId id = BudgetId.of(tenant, period(period, "period"));
        BudgetView view = queries.query(new FindBudget(id), ResponseTypes.optionalInstanceOf(BudgetView.class)).join()
                .orElseThrow(() -> ApiProblem.notFound("budget " + tenantId + " " + period));
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    private static YearMonth period(String value, String field) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(field, field + " must be a month such as 2026-11");
        }
    }

    private static String path(BudgetId id) {
        return "/api/v1/budgets/" + id.tenantId().value() + "/" + id.period();
    }
}
