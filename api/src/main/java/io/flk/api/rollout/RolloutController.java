package io.flk.api.rollout;

import io.flk.api.security.CurrentPrincipal;
import io.flk.api.security.FlkPrincipal;
import io.flk.api.security.Roles;
import io.flk.api.tenant.TenantDirectory;
import io.flk.api.verification.EnsemblePolicyController.PolicyRequest;
import io.flk.api.web.ApiProblem;
import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.hrs.HrsModelQueries.FindHrsModelVersion;
import io.flk.domain.hrs.HrsModelQueries.HrsModelVersionView;
import io.flk.domain.hrs.ModelMetrics;
import io.flk.domain.hrs.RoutingRole;
import io.flk.domain.rollout.RolloutCommands.AbortRollout;
import io.flk.domain.rollout.RolloutCommands.ApproveRollout;
import io.flk.domain.rollout.RolloutCommands.PauseRollout;
import io.flk.domain.rollout.RolloutCommands.RejectRollout;
import io.flk.domain.rollout.RolloutCommands.RequestRollout;
import io.flk.domain.rollout.RolloutCommands.ResumeRollout;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutLaneId;
import io.flk.domain.rollout.RolloutOutcome;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutQueries.FetchRolloutDecisions;
import io.flk.domain.rollout.RolloutQueries.FindRollout;
import io.flk.domain.rollout.RolloutQueries.ListRollouts;
import io.flk.domain.rollout.RolloutQueries.RolloutDecisions;
import io.flk.domain.rollout.RolloutQueries.RolloutView;
import io.flk.domain.rollout.RolloutStatus;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.tenant.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rollouts of a tenant's HRS model version or ensemble policy over HTTP: an operator requests one, a different
 * principal with the approver role starts it, the rollout saga steps it through its gates, and operators may
 * pause, resume or abort it. Everything a request names is checked before a command is sent, so bad input records
 * nothing; a refusal of the lane itself is recorded as an audit event and answered as a problem.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/rollouts")
public class RolloutController {

    /**
     * @param modelVersion for {@code HRS_MODEL}: a version registered for the tenant that passes the eligibility
     *                     gates ({@code flk.hrs.gates})
     * @param policy       for {@code ENSEMBLE_POLICY}: the complete candidate policy, shaped like the body of
     *                     {@code PUT …/ensemble-policy} without its {@code reason}
     * @param plan         how the rollout steps and what it is judged on; anything left out takes its default
     */
    public record RolloutRequest(@NotNull RolloutComponent component, @Size(max = 64) String modelVersion,
                                 @Valid PolicyRequest policy, RolloutPlanRequest plan,
                                 @NotBlank @Size(max = 500) String reason) {
    }

    public record Decision(@NotBlank @Size(max = 500) String reason) {
    }

    /**
     * @param version the lane's aggregate version after the command
     * @param links   this rollout and what may be done with it now
     */
    public record RolloutAnswer(String rolloutId, RolloutStatus status, int step, double share, long version,
                                Map<String, String> links) {
    }

    /** Newest first. */
    public record RolloutList(List<RolloutView> rollouts) {

        public RolloutList {
            rollouts = List.copyOf(rollouts);
        }
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final RolloutLanes lanes;
    private final RolloutSubjects subjects;
    private final CurrentPrincipal principal;
    private final TenantDirectory tenants;
    private final Clock clock;

    public RolloutController(CommandGateway commands, QueryGateway queries, RolloutLanes lanes, RolloutSubjects subjects,
                             CurrentPrincipal principal, TenantDirectory tenants, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.lanes = lanes;
        this.subjects = subjects;
        this.principal = principal;
        this.tenants = tenants;
        this.clock = clock;
    }

    @PostMapping
    @PreAuthorize("hasRole('operator')")
    public ResponseEntity<RolloutAnswer> request(@PathVariable String tenantId,
                                                 @Valid @RequestBody RolloutRequest request) {
        TenantId tenant = activeTenant(tenantId);
        RolloutTarget target = subjects.target(request.component(), request.modelVersion(), request.policy());
        RolloutPlan plan = subjects.plan(request.plan());
        if (target.component() == RolloutComponent.HRS_MODEL) {
            requireDeployable(tenant, target.modelVersion(), target.gates());
        }
        RolloutId rolloutId = RolloutId.random();
        RolloutOutcome outcome = commands.sendAndWait(new RequestRollout(RolloutLaneId.of(tenant, target.component()),
                rolloutId, target, plan, principal.get().name(), request.reason(), clock.instant()));
        RolloutAnswer answer = answered(tenant, rolloutId, outcome);
        return ResponseEntity.accepted().location(URI.create(answer.links().get("self"))).body(answer);
    }

    /** Starts the rollout: the saga routes the canary at the plan's initial share and judges it from then on. */
    @PostMapping("/{rolloutId}/approval")
    @PreAuthorize("hasRole('approver')")
    public RolloutAnswer approve(@PathVariable String tenantId, @PathVariable String rolloutId,
                                 @Valid @RequestBody Decision decision) {
        FlkPrincipal approver = principal.get();
        return command(activeTenant(tenantId), rolloutId, (lane, id) -> new ApproveRollout(lane, id,
                approver.name(), approver.has(Roles.APPROVER), decision.reason(), clock.instant()));
    }

    /** The requester may withdraw their own request; an approver may turn down anyone's. */
    @PostMapping("/{rolloutId}/rejection")
    @PreAuthorize("hasAnyRole('operator', 'approver')")
    public RolloutAnswer reject(@PathVariable String tenantId, @PathVariable String rolloutId,
                                @Valid @RequestBody Decision decision) {
        return command(visibleTenant(tenantId), rolloutId,
                (lane, id) -> new RejectRollout(lane, id, principal.get().name(), decision.reason(), clock.instant()));
    }

    @PostMapping("/{rolloutId}/pause")
    @PreAuthorize("hasRole('operator')")
    public RolloutAnswer pause(@PathVariable String tenantId, @PathVariable String rolloutId,
                               @Valid @RequestBody Decision decision) {
        return command(visibleTenant(tenantId), rolloutId,
                (lane, id) -> new PauseRollout(lane, id, principal.get().name(), decision.reason(), clock.instant()));
    }

    /** Resumes at the same share with a fresh step: evidence from before the pause is not reused. */
    @PostMapping("/{rolloutId}/resume")
    @PreAuthorize("hasRole('operator')")
    public RolloutAnswer resume(@PathVariable String tenantId, @PathVariable String rolloutId,
                                @Valid @RequestBody Decision decision) {
        return command(activeTenant(tenantId), rolloutId,
                (lane, id) -> new ResumeRollout(lane, id, principal.get().name(), decision.reason(), clock.instant()));
    }

    /** Withdraws the canary at once; what it decided stays recorded. */
    @PostMapping("/{rolloutId}/abort")
    @PreAuthorize("hasRole('operator')")
    public RolloutAnswer abort(@PathVariable String tenantId, @PathVariable String rolloutId,
                               @Valid @RequestBody Decision decision) {
        return command(visibleTenant(tenantId), rolloutId,
                (lane, id) -> new AbortRollout(lane, id, principal.get().name(), decision.reason(), clock.instant()));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public RolloutList list(@PathVariable String tenantId) {
        return new RolloutList(queries.query(new ListRollouts(visibleTenant(tenantId)),
                ResponseTypes.multipleInstancesOf(RolloutView.class)).join());
    }

    @GetMapping("/{rolloutId}")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public RolloutView rollout(@PathVariable String tenantId, @PathVariable String rolloutId) {
        return find(visibleTenant(tenantId), RolloutId.of(rolloutId));
    }

    /** Every judged look, oldest first: the window's numbers, each gate's verdict and the action taken. */
    @GetMapping("/{rolloutId}/decisions")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public RolloutDecisions decisions(@PathVariable String tenantId, @PathVariable String rolloutId) {
        TenantId tenant = visibleTenant(tenantId);
        RolloutId id = RolloutId.of(rolloutId);
        find(tenant, id);
        return queries.query(new FetchRolloutDecisions(tenant, id), RolloutDecisions.class).join();
    }

    private interface LaneCommand {
        Object of(RolloutLaneId lane, RolloutId rolloutId);
    }

    /**
     * Starting or resuming needs an active tenant; stopping (reject, pause, abort) works on a suspended one too.
     */
    private RolloutAnswer command(TenantId tenant, String rolloutId, LaneCommand command) {
        RolloutId id = RolloutId.of(rolloutId);
        RolloutLaneId lane = lanes.find(tenant, id).orElseThrow(() -> notFound(tenant, id));
        return answered(tenant, id, commands.sendAndWait(command.of(lane, id)));
    }

    /** What a promotion to a deciding role would require, checked against the versions read model. */
    private void requireDeployable(TenantId tenant, String version, EligibilityGates gates) {
        HrsModelVersionView registered = queries.query(new FindHrsModelVersion(tenant, version),
                        ResponseTypes.optionalInstanceOf(HrsModelVersionView.class)).join()
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "model-version-not-registered",
                        "HRS version " + version + " is not registered for tenant " + tenant.value(), "modelVersion"));
        if (registered.refusal() != null) {
            throw new ApiProblem(HttpStatus.CONFLICT, "artifact-refused", "the artifact of version " + version
                    + " was refused: " + registered.refusal(), "modelVersion");
        }
        ModelMetrics metrics = registered.model().metrics();
        if (!gates.admits(metrics)) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "model-version-not-eligible",
                    String.format(Locale.ROOT, "version %s may not decide tasks: ROC AUC %.4f (minimum %.4f), "
                                    + "ECE %.4f (maximum %.4f)", version, metrics.rocAuc(), gates.minRocAuc(),
                            metrics.ece(), gates.maxEce()), "modelVersion");
        }
        if (registered.role() == RoutingRole.CHAMPION) {
            throw new ApiProblem(HttpStatus.CONFLICT, "model-version-already-champion", "version " + version
                    + " already decides the tenant's tasks as champion: there is nothing to roll out", "modelVersion");
        }
    }

    private RolloutAnswer answered(TenantId tenant, RolloutId rolloutId, RolloutOutcome outcome) {
        if (!outcome.accepted()) {
            throw RolloutRefusals.problem(outcome);
        }
        return new RolloutAnswer(rolloutId.value(), outcome.status(), outcome.step(), outcome.share(),
                outcome.version(), links(tenant, rolloutId, outcome.status()));
    }

    private static Map<String, String> links(TenantId tenant, RolloutId rolloutId, RolloutStatus status) {
        String self = "/api/v1/tenants/" + tenant.value() + "/rollouts/" + rolloutId.value();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put("decisions", self + "/decisions");
        List<String> actions = switch (status) {
            case PENDING_APPROVAL -> List.of("approval", "rejection");
            case STARTING -> List.of("abort");
            case RUNNING -> List.of("pause", "abort");
            case PAUSED -> List.of("resume", "abort");
            case REJECTED, COMPLETED, ROLLED_BACK, ABORTED -> List.of();
        };
        actions.forEach(action -> links.put(action, self + "/" + action));
        return links;
    }

    private RolloutView find(TenantId tenant, RolloutId rolloutId) {
        return queries.query(new FindRollout(tenant, rolloutId), ResponseTypes.optionalInstanceOf(RolloutView.class))
                .join().orElseThrow(() -> notFound(tenant, rolloutId));
    }

    private static ApiProblem notFound(TenantId tenant, RolloutId rolloutId) {
        return new ApiProblem(HttpStatus.NOT_FOUND, RolloutRefusals.NOT_FOUND,
                "No rollout " + rolloutId.value() + " on tenant " + tenant.value(), "rolloutId");
    }

    private TenantId visibleTenant(String tenantId) {
        return tenants.visibleTo(principal.get(), tenantId, "tenantId");
    }

    private TenantId activeTenant(String tenantId) {
        return tenants.activeFor(principal.get(), tenantId, "tenantId");
    }
}
