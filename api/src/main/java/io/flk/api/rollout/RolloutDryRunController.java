package io.flk.api.rollout;

import io.flk.api.tenant.TenantDirectory;
import io.flk.api.verification.EnsemblePolicyController.PolicyRequest;
import io.flk.api.verification.PolicyCache;
import io.flk.api.web.ApiProblem;
import io.flk.api.security.CurrentPrincipal;
import io.flk.domain.hrs.HrsModelQueries.FindHrsModelVersion;
import io.flk.domain.hrs.HrsModelQueries.HrsModelVersionView;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutDryRunReport;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.simulation.SimulationCandidate;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.CostModel;
import io.flk.projections.simulation.ReplayControl;
import io.flk.projections.simulation.ReplayTooLarge;
import io.flk.projections.simulation.RolloutDryRunReplay;
import io.flk.projections.simulation.TaskEventReplay;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dry-runs of a rollout: what the gates would have done over a past window of the tenant's recorded traffic,
 * with canary tasks re-decided as the candidate would have decided them. Nothing is started or recorded. Answered
 * in the request: a window is at most {@link #MAX_RANGE}, which replays in seconds.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/rollouts/dry-runs")
public class RolloutDryRunController {

    static final Duration MAX_RANGE = Duration.ofDays(7);

    /**
     * @param modelVersion for {@code HRS_MODEL}: a registered version scored as a shadow in the window (its
     *                     recorded risks stand in for the live HRS scores under the live policy)
     * @param policy       for {@code ENSEMBLE_POLICY}: the candidate, shaped like the body of
     *                     {@code PUT …/ensemble-policy} without its {@code reason}
     * @param from         start of the replayed window (inclusive)
     * @param to           end of the replayed window (exclusive), not in the future
     */
    public record DryRunRequest(@NotNull RolloutComponent component, @Size(max = 64) String modelVersion,
                                @Valid PolicyRequest policy, RolloutPlanRequest plan, @NotNull Instant from,
                                @NotNull Instant to) {
    }

    public record DryRunAnswer(String tenantId, RolloutTarget target, RolloutPlan plan, Instant from, Instant to,
                               RolloutDryRunReport report) {
    }

    private final RolloutDryRunReplay dryRuns;
    private final TaskEventReplay events;
    private final RolloutSubjects subjects;
    private final PolicyCache policies;
    private final QueryGateway queries;
    private final CostModel costs;
    private final CurrentPrincipal principal;
    private final TenantDirectory tenants;
    private final Clock clock;

    public RolloutDryRunController(RolloutDryRunReplay dryRuns, TaskEventReplay events, RolloutSubjects subjects,
                                   PolicyCache policies, QueryGateway queries, CostModel costs,
                                   CurrentPrincipal principal, TenantDirectory tenants, Clock clock) {
        this.dryRuns = dryRuns;
        this.events = events;
        this.subjects = subjects;
        this.policies = policies;
        this.queries = queries;
        this.costs = costs;
        this.principal = principal;
        this.tenants = tenants;
        this.clock = clock;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public DryRunAnswer dryRun(@PathVariable String tenantId, @Valid @RequestBody DryRunRequest request) {
        TenantId tenant = tenants.activeFor(principal.get(), tenantId, "tenantId");
        RolloutTarget target = subjects.target(request.component(), request.modelVersion(), request.policy());
        RolloutPlan plan = subjects.plan(request.plan());
        requireReplayableRange(request.from(), request.to());
        SimulationCandidate candidate = candidate(tenant, target);
        if (!events.hasTasks(tenant, request.from(), request.to())) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "empty-range", "no recorded tasks in range: tenant "
                    + tenant.value() + " recorded no decision between from and to", "from");
        }
        try {
            return new DryRunAnswer(tenant.value(), target, plan, request.from(), request.to(),
                    dryRuns.dryRun(tenant, target, plan, candidate, request.from(), request.to(),
                            costs.humanReviewUsd(), ReplayControl.NONE));
        } catch (ReplayTooLarge tooLarge) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "range-too-large", tooLarge.getMessage(), "from");
        }
    }

    private void requireReplayableRange(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw ApiProblem.invalid("to", "to must be after from");
        }
        if (to.isAfter(clock.instant())) {
            throw ApiProblem.invalid("to", "to is in the future: only recorded traffic can be replayed");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw ApiProblem.invalid("from", "a dry-run replays at most " + MAX_RANGE.toDays() + " days");
        }
    }

    /** A model version is judged on the risks it gave as a shadow, under the policy live now. */
    private SimulationCandidate candidate(TenantId tenant, RolloutTarget target) {
        if (target.component() == RolloutComponent.ENSEMBLE_POLICY) {
            return new SimulationCandidate(target.candidatePolicy(), null);
        }
        queries.query(new FindHrsModelVersion(tenant, target.modelVersion()),
                        ResponseTypes.optionalInstanceOf(HrsModelVersionView.class)).join()
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "model-version-not-registered",
                        "HRS version " + target.modelVersion() + " is not registered for tenant " + tenant.value(),
                        "modelVersion"));
        return new SimulationCandidate(policies.current(tenant).policy(), target.modelVersion());
    }
}
