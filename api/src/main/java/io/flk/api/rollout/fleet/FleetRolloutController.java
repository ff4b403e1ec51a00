package io.flk.api.rollout.fleet;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.flk.api.rollout.RolloutController.Decision;
import io.flk.api.rollout.RolloutPlanRequest;
import io.flk.api.rollout.RolloutRefusals;
import io.flk.api.rollout.RolloutSubjects;
import io.flk.api.security.CurrentPrincipal;
import io.flk.api.security.FlkPrincipal;
import io.flk.api.security.Roles;
import io.flk.api.verification.EnsemblePolicyController.PolicyRequest;
import io.flk.api.web.ApiProblem;
import io.flk.domain.rollout.RolloutAction;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutQueries.FindRollout;
import io.flk.domain.rollout.RolloutQueries.RolloutView;
import io.flk.domain.rollout.RolloutStatus;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.AbortFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.ApproveFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.PauseFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.RejectFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.RequestFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.ResumeFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutId;
import io.flk.domain.rollout.fleet.FleetRolloutOutcome;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.FindFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.FleetMemberView;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.FleetRolloutView;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.ListFleetRollouts;
import io.flk.domain.rollout.fleet.FleetRolloutStatus;
import io.flk.domain.tenant.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
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
 * Fleet rollouts: one ensemble-policy candidate rolled out to every tenant (or the tenants named), wave after wave.
 * An operator requests it, a different principal with the approver role approves it once for all tenants, and each
 * tenant then runs an ordinary rollout with its own gates, visible under {@code /api/v1/tenants/{id}/rollouts}.
 * The first tenant whose rollout does not complete halts the fleet. Fleet rollouts span tenants, so only staff
 * principals see them; everything a request names is checked before a command is sent.
 */
@RestController
@RequestMapping("/api/v1/rollouts")
public class FleetRolloutController {

    /**
     * @param component must be {@code ENSEMBLE_POLICY}: model versions are trained per tenant
     * @param tenants   the tenants in wave order; left out, every active tenant in the order they are listed
     * @param waveSize  how many tenants roll out at once; left out, all of them in one wave
     * @param bakeTime  how long the tenants of a completed wave run the candidate before the next wave starts
     *                  (ISO-8601, at most P7D); left out, none
     */
    public record FleetRolloutRequest(@NotNull RolloutComponent component, @Size(max = 64) String modelVersion,
                                      @Valid PolicyRequest policy, RolloutPlanRequest plan,
                                      @Size(max = 1000) List<@NotBlank @Size(max = 64) String> tenants,
                                      Integer waveSize, Duration bakeTime,
                                      @NotBlank @Size(max = 500) String reason) {
    }

    /** @param links this fleet rollout and what may be done with it now */
    public record FleetRolloutAnswer(String fleetRolloutId, FleetRolloutStatus status, long version,
                                     Map<String, String> links) {
    }

    /** Where one tenant's rollout is now, from the tenant's rollouts read model; {@code null} before it shows there. */
    public record MemberRollout(RolloutStatus status, int step, double share, RolloutAction lastAction,
                                String href) {
    }

    /** The fleet rollout as recorded, and each released tenant's rollout as it is now, by tenant. */
    public record FleetRolloutDetail(@JsonUnwrapped FleetRolloutView fleet, Map<String, MemberRollout> rollouts,
                                     Map<String, String> links) {
    }

    /** Newest first. */
    public record FleetRolloutList(List<FleetRolloutView> rollouts) {

        public FleetRolloutList {
            rollouts = List.copyOf(rollouts);
        }
    }

    /** The aggregate version after its first event, which is what a request records. */
    private static final long FIRST_VERSION = 0;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final RolloutSubjects subjects;
    private final FleetTenants fleetTenants;
    private final CurrentPrincipal principal;
    private final Clock clock;

    public FleetRolloutController(CommandGateway commands, QueryGateway queries, RolloutSubjects subjects,
                                  FleetTenants fleetTenants, CurrentPrincipal principal, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.subjects = subjects;
        this.fleetTenants = fleetTenants;
        this.principal = principal;
        this.clock = clock;
    }

    @PostMapping
    @PreAuthorize("hasRole('operator')")
    public ResponseEntity<FleetRolloutAnswer> request(@Valid @RequestBody FleetRolloutRequest request) {
        if (request.component() != RolloutComponent.ENSEMBLE_POLICY) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-field", "a fleet rollout rolls out an "
                    + "ENSEMBLE_POLICY; a model version is trained for one tenant and rolled out at "
                    + "/api/v1/tenants/{tenantId}/rollouts", "component");
        }
        RolloutTarget target = subjects.target(request.component(), request.modelVersion(), request.policy());
        RolloutPlan plan = subjects.plan(request.plan());
        List<TenantId> tenants = fleetTenants.resolve(request.tenants());
        int waveSize = request.waveSize() == null ? tenants.size() : request.waveSize();
        FleetRolloutId id = FleetRolloutId.random();
        Duration bakeTime = request.bakeTime() == null ? Duration.ZERO : request.bakeTime();
        commands.sendAndWait(new RequestFleetRollout(id, target, plan, tenants, waveSize, bakeTime,
                principal.get().name(), request.reason(), clock.instant()));
        FleetRolloutAnswer answer = new FleetRolloutAnswer(id.value(), FleetRolloutStatus.PENDING_APPROVAL,
                FIRST_VERSION, links(id, FleetRolloutStatus.PENDING_APPROVAL));
        return ResponseEntity.accepted().location(URI.create(answer.links().get("self"))).body(answer);
    }

    /** Releases the first wave: each of its tenants' rollouts is requested and approved as this one was. */
    @PostMapping("/{fleetRolloutId}/approval")
    @PreAuthorize("hasRole('approver')")
    public FleetRolloutAnswer approve(@PathVariable String fleetRolloutId, @Valid @RequestBody Decision decision) {
        FlkPrincipal approver = principal.get();
        return command(fleetRolloutId, id -> new ApproveFleetRollout(id, approver.name(), approver.has(Roles.APPROVER),
                decision.reason(), clock.instant()));
    }

    @PostMapping("/{fleetRolloutId}/rejection")
    @PreAuthorize("hasAnyRole('operator', 'approver')")
    public FleetRolloutAnswer reject(@PathVariable String fleetRolloutId, @Valid @RequestBody Decision decision) {
        return command(fleetRolloutId,
                id -> new RejectFleetRollout(id, principal.get().name(), decision.reason(), clock.instant()));
    }

    /** Pauses the tenants' running rollouts and holds back the next wave. */
    @PostMapping("/{fleetRolloutId}/pause")
    @PreAuthorize("hasRole('operator')")
    public FleetRolloutAnswer pause(@PathVariable String fleetRolloutId, @Valid @RequestBody Decision decision) {
        return command(fleetRolloutId,
                id -> new PauseFleetRollout(id, principal.get().name(), decision.reason(), clock.instant()));
    }

    /** Resumes every paused rollout of its tenants; a wave that completed meanwhile lets the next one go. */
    @PostMapping("/{fleetRolloutId}/resume")
    @PreAuthorize("hasRole('operator')")
    public FleetRolloutAnswer resume(@PathVariable String fleetRolloutId, @Valid @RequestBody Decision decision) {
        return command(fleetRolloutId,
                id -> new ResumeFleetRollout(id, principal.get().name(), decision.reason(), clock.instant()));
    }

    /** No further wave is released and the tenants' rollouts still running are aborted. */
    @PostMapping("/{fleetRolloutId}/abort")
    @PreAuthorize("hasRole('operator')")
    public FleetRolloutAnswer abort(@PathVariable String fleetRolloutId, @Valid @RequestBody Decision decision) {
        return command(fleetRolloutId,
                id -> new AbortFleetRollout(id, principal.get().name(), decision.reason(), clock.instant()));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor')")
    public FleetRolloutList list() {
        return new FleetRolloutList(queries.query(new ListFleetRollouts(),
                ResponseTypes.multipleInstancesOf(FleetRolloutView.class)).join());
    }

    @GetMapping("/{fleetRolloutId}")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor')")
    public FleetRolloutDetail fleetRollout(@PathVariable String fleetRolloutId) {
        FleetRolloutId id = FleetRolloutId.of(fleetRolloutId);
        FleetRolloutView fleet = queries.query(new FindFleetRollout(id),
                ResponseTypes.optionalInstanceOf(FleetRolloutView.class)).join().orElseThrow(() -> notFound(id));
        Map<String, MemberRollout> rollouts = new LinkedHashMap<>();
        for (FleetMemberView member : fleet.members()) {
            rollouts.put(member.tenantId(), memberRollout(member));
        }
        return new FleetRolloutDetail(fleet, rollouts, links(id, fleet.status()));
    }

    private MemberRollout memberRollout(FleetMemberView member) {
        String href = "/api/v1/tenants/" + member.tenantId() + "/rollouts/" + member.rolloutId();
        return queries.query(new FindRollout(TenantId.of(member.tenantId()), RolloutId.of(member.rolloutId())),
                        ResponseTypes.optionalInstanceOf(RolloutView.class)).join()
                .map(view -> new MemberRollout(view.status(), view.step(), view.share(), view.lastAction(), href))
                .orElse(null);
    }

    private FleetRolloutAnswer command(String fleetRolloutId, Function<FleetRolloutId, Object> command) {
        FleetRolloutId id = FleetRolloutId.of(fleetRolloutId);
        FleetRolloutOutcome outcome;
        try {
            outcome = commands.sendAndWait(command.apply(id));
        } catch (AggregateNotFoundException unknown) {
            throw notFound(id);
        }
        if (!outcome.accepted()) {
            throw RolloutRefusals.problem(outcome.refusal(), outcome.detail(), "fleetRolloutId");
        }
        return new FleetRolloutAnswer(id.value(), outcome.status(), outcome.version(), links(id, outcome.status()));
    }

    private static Map<String, String> links(FleetRolloutId id, FleetRolloutStatus status) {
        String self = "/api/v1/rollouts/" + id.value();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        List<String> actions = switch (status) {
            case PENDING_APPROVAL -> List.of("approval", "rejection", "abort");
            case RUNNING -> List.of("pause", "abort");
            case PAUSED -> List.of("resume", "abort");
            case REJECTED, COMPLETED, HALTED, ABORTED -> List.of();
        };
        actions.forEach(action -> links.put(action, self + "/" + action));
        return links;
    }

    private static ApiProblem notFound(FleetRolloutId id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "fleet-rollout-not-found", "No fleet rollout " + id.value(),
                "fleetRolloutId");
    }
}
