package io.flk.api.simulation;

import io.flk.api.security.CurrentPrincipal;
import io.flk.api.security.FlkPrincipal;
import io.flk.api.tenant.TenantDirectory;
import io.flk.api.verification.EnsemblePolicyController.PolicyRequest;
import io.flk.api.web.ApiProblem;
import io.flk.domain.simulation.SimulationCandidate;
import io.flk.domain.simulation.SimulationRun;
import io.flk.domain.simulation.SimulationStatus;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.tenant.TenantQueries.FindTenant;
import io.flk.domain.tenant.TenantQueries.TenantView;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.projections.simulation.TaskEventReplay;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What-if simulations: how a candidate ensemble policy would have decided a tenant's recorded tasks of a past
 * range, against what really happened. A run is checked whole before anything is stored, then runs in the
 * background: {@code POST} answers 202 with where to follow it.
 */
@RestController
@RequestMapping("/api/v1/simulations")
public class SimulationController {

    /**
     * @param policy     the candidate, shaped as the body of {@code PUT .../ensemble-policy}
     * @param hrsVersion an HRS version whose recorded shadow risks replace the recorded HRS scores
     */
    public record SimulationRequest(@NotNull String tenantId, @NotNull Instant from, @NotNull Instant to,
                                    @NotNull @Valid PolicyRequest policy,
                                    @Size(max = SimulationCandidate.MAX_HRS_VERSION_LENGTH) String hrsVersion) {
    }

    private final SimulationJobs jobs;
    private final TaskEventReplay events;
    private final QueryGateway queries;
    private final CurrentPrincipal principal;
    private final TenantDirectory tenants;
    private final Clock clock;

    public SimulationController(SimulationJobs jobs, TaskEventReplay events, QueryGateway queries,
                                CurrentPrincipal principal, TenantDirectory tenants, Clock clock) {
        this.jobs = jobs;
        this.events = events;
        this.queries = queries;
        this.principal = principal;
        this.tenants = tenants;
        this.clock = clock;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public ResponseEntity<SimulationRun> start(@Valid @RequestBody SimulationRequest request) {
        FlkPrincipal caller = principal.get();
        TenantId tenantId = tenants.visibleTo(caller, request.tenantId(), "tenantId");
        if (!request.from().isBefore(request.to())) {
            throw ApiProblem.invalid("to", "to must be after from");
        }
        if (request.to().isAfter(clock.instant())) {
            throw ApiProblem.invalid("to", "to is in the future: only recorded traffic can be replayed");
        }
        PolicyRequest policy = request.policy();
        SimulationCandidate candidate = new SimulationCandidate(new EnsemblePolicySpec(policy.treatment(),
                policy.baseline(), policy.controlShare()), request.hrsVersion()).validated();
        // Registered is enough: a suspended tenant's recorded traffic may still be replayed.
        queries.query(new FindTenant(tenantId), ResponseTypes.optionalInstanceOf(TenantView.class)).join()
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-tenant",
                        "Tenant " + tenantId.value() + " is not registered", "tenantId"));
        if (!events.hasTasks(tenantId, request.from(), request.to())) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "empty-range", "no recorded tasks in range: tenant "
                    + tenantId.value() + " recorded no decision between from and to", "from");
        }
        SimulationRun run = jobs.start(new SimulationOrder(tenantId, request.from(), request.to(), candidate,
                caller.name()));
        return ResponseEntity.accepted().location(URI.create("/api/v1/simulations/" + run.id())).body(run);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public SimulationRun get(@PathVariable String id) {
        return visible(id, jobs.find(id).orElse(null));
    }

    /** 202 while the run is still stopping, 200 when it had already ended (it stays as it ended). */
    @DeleteMapping("/{id}")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public ResponseEntity<SimulationRun> cancel(@PathVariable String id) {
        visible(id, jobs.find(id).orElse(null));
        SimulationRun run = visible(id, jobs.cancel(id).orElse(null));
        return ResponseEntity.status(run.status() == SimulationStatus.RUNNING ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(run);
    }

    /** Another tenant's run is answered as missing: its id tells nothing. */
    private SimulationRun visible(String id, SimulationRun run) {
        if (run == null || !principal.get().mayAccess(TenantId.of(run.tenantId()))) {
            throw ApiProblem.notFound("simulation " + id);
        }
        return run;
    }
}
