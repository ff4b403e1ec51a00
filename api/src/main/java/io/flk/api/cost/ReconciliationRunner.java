package io.flk.api.cost;

import io.flk.domain.cost.CostComponent;
import io.flk.domain.cost.CostQueries.FetchInternalDailyCost;
import io.flk.domain.cost.CostQueries.InternalDailyCosts;
import io.flk.domain.cost.ImportedCostQueries.FetchImportedDailyCost;
import io.flk.domain.cost.ImportedCostQueries.ImportedDailyCosts;
import io.flk.domain.cost.Reconciliation;
import io.flk.domain.cost.ReconciliationCommands.RunReconciliation;
import io.flk.domain.cost.ReconciliationId;
import io.flk.domain.tenant.TenantQueries.FetchTenants;
import io.flk.domain.tenant.TenantQueries.TenantList;
import io.flk.domain.tenant.TenantQueries.TenantView;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gathers what a reconciliation needs (internal attribution, imported bills, registered tenants) and hands it to
 * the ReconciliationRun aggregate, which decides the diff and the alert. Used nightly and on demand.
 */
@Component
public class ReconciliationRunner {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;
    private final double thresholdPercent;
    private final String currency;
    private final Map<CostComponent, String> serviceOf;

    public ReconciliationRunner(CommandGateway commands, QueryGateway queries, Clock clock,
                                @Value("${flk.cost.reconciliation.threshold-percent:3.0}") double thresholdPercent,
                                @Value("${flk.cost.reconciliation.currency:USD}") String currency,
                                @Value("#{${flk.cost.reconciliation.service-of:{:}}}") Map<String, String> serviceOf) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
        this.thresholdPercent = thresholdPercent;
        this.currency = currency;
        this.serviceOf = new EnumMap<>(CostComponent.class);
        serviceOf.forEach((component, service) -> this.serviceOf.put(CostComponent.of(component), service));
    }

    /** What a run recorded; the aggregate derives the same result from the same input. */
    public record Outcome(ReconciliationId reconciliationId, Reconciliation.Result result, double thresholdPercent,
                          boolean exceeded) {
    }

    public Outcome run(LocalDate from, LocalDate to, String trigger, String actor) {
        var internal = queries.query(new FetchInternalDailyCost(null, from, to), InternalDailyCosts.class).join();
        var imported = queries.query(new FetchImportedDailyCost(from, to), ImportedDailyCosts.class).join();
        var tenants = queries.query(new FetchTenants(), TenantList.class).join().tenants().stream()
                .map(TenantView::tenantId).collect(Collectors.toSet());
        Reconciliation.Input input = new Reconciliation.Input(from, to, currency, internal.lines(), imported.lines(),
                tenants, serviceOf);
        ReconciliationId id = ReconciliationId.random();
        commands.sendAndWait(new RunReconciliation(id, input, thresholdPercent, trigger, actor, clock.instant()));
        Reconciliation.Result result = Reconciliation.reconcile(input);
        return new Outcome(id, result, thresholdPercent, result.exceeds(thresholdPercent));
    }

    /** The nightly run covers yesterday (UTC): bills for the day before are usually complete by then. */
    public Outcome runNightly() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return run(today.minusDays(1), today, "nightly", "scheduler");
    }
}
