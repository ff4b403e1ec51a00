package io.flk.api.escalation;

import io.flk.api.security.CurrentPrincipal;
import io.flk.api.security.FlkPrincipal;
import io.flk.api.security.Roles;
import io.flk.api.tenant.TenantDirectory;
import io.flk.api.web.ApiProblem;
import io.flk.api.web.ETags;
import io.flk.domain.escalation.EscalationCommands.AssignEscalation;
import io.flk.domain.escalation.EscalationCommands.OpenEscalation;
import io.flk.domain.escalation.EscalationCommands.ResolveEscalation;
import io.flk.domain.escalation.EscalationId;
import io.flk.domain.escalation.EscalationQueries.EscalationQueue;
import io.flk.domain.escalation.EscalationQueries.EscalationView;
import io.flk.domain.escalation.EscalationQueries.FetchEscalationQueue;
import io.flk.domain.escalation.EscalationQueries.FindEscalation;
import io.flk.domain.escalation.EscalationStatus;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.shared.Ids;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.tenant.TenantQueries.TenantView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The human review queue. Opening is for operators until the verification path opens escalations itself;
 * tenant principals see and work only their own tenant's queue.
 */
@RestController
@RequestMapping("/api/v1/escalations")
public class EscalationController {

    private static final String PRINCIPAL_NAME = "[A-Za-z0-9._@:-]{1,128}";

    public record OpenEscalationRequest(@NotNull String tenantId, @NotNull String taskId,
                                        @NotBlank @Size(max = 500) String reason,
                                        @DecimalMin("0.0") @DecimalMax("1.0") Double risk) {
    }

    public record AssignEscalationRequest(@NotNull @Pattern(regexp = PRINCIPAL_NAME) String assignee) {
    }

    public record ResolveEscalationRequest(@NotNull Verdict verdict, @Size(max = 1000) String note) {
    }

    public record EscalationChanged(String escalationId, long version) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final CurrentPrincipal principal;
    private final TenantDirectory tenants;
    private final Clock clock;

    public EscalationController(CommandGateway commands, QueryGateway queries, CurrentPrincipal principal,
                                TenantDirectory tenants, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.principal = principal;
        this.tenants = tenants;
        this.clock = clock;
    }

    @PostMapping
    @PreAuthorize("hasRole('operator')")
    public ResponseEntity<EscalationChanged> open(@Valid @RequestBody OpenEscalationRequest request) {
        TenantId tenantId = TenantId.of(request.tenantId());
        String taskId = Ids.requireExternal(request.taskId(), "taskId");
        TenantView tenant = tenants.requireActive(tenantId, "tenantId");
        EscalationId id = EscalationId.random();
        commands.sendAndWait(new OpenEscalation(id, tenantId, taskId, request.reason(), request.risk(),
                Duration.ofSeconds(tenant.escalationSlaSeconds()), principal.get().name(), clock.instant()));
        return ResponseEntity.created(URI.create("/api/v1/escalations/" + id.value()))
                .eTag(ETags.of(0))
                .body(new EscalationChanged(id.value(), 0));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public EscalationQueue queue(@RequestParam(required = false) String tenantId,
                                 @RequestParam(required = false) EscalationStatus status,
                                 @RequestParam(defaultValue = "100") int limit) {
        FlkPrincipal caller = principal.get();
        String requested = tenantId != null ? tenantId : caller.tenant().map(TenantId::value)
                .orElseThrow(() -> ApiProblem.invalid("tenantId", "tenantId is required"));
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalid("limit", "limit must be between 1 and 1000");
        }
        TenantId id = tenants.visibleTo(caller, requested, "tenantId");
        return queries.query(new FetchEscalationQueue(id, status, limit), EscalationQueue.class).join();
    }

    @GetMapping("/{escalationId}")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public ResponseEntity<EscalationView> get(@PathVariable String escalationId) {
        EscalationView view = visibleEscalation(EscalationId.of(escalationId));
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PostMapping("/{escalationId}/assignment")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'tenant')")
    public ResponseEntity<EscalationChanged> assign(@PathVariable String escalationId,
                                                    @RequestHeader(name = ETags.IF_MATCH, required = false) String ifMatch,
                                                    @Valid @RequestBody AssignEscalationRequest request) {
        EscalationId id = actionableEscalation(escalationId);
        long version = commands.sendAndWait(new AssignEscalation(id, request.assignee(), ETags.expectedVersion(ifMatch),
                principal.get().name(), clock.instant()));
        return ResponseEntity.ok().eTag(ETags.of(version)).body(new EscalationChanged(id.value(), version));
    }

    @PostMapping("/{escalationId}/resolution")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'tenant')")
    public ResponseEntity<EscalationChanged> resolve(@PathVariable String escalationId,
                                                     @RequestHeader(name = ETags.IF_MATCH, required = false) String ifMatch,
                                                     @Valid @RequestBody ResolveEscalationRequest request) {
        EscalationId id = actionableEscalation(escalationId);
        FlkPrincipal caller = principal.get();
        long version = commands.sendAndWait(new ResolveEscalation(id, request.verdict(), request.note(), caller.name(),
                caller.has(Roles.APPROVER), ETags.expectedVersion(ifMatch), clock.instant()));
        return ResponseEntity.ok().eTag(ETags.of(version)).body(new EscalationChanged(id.value(), version));
    }

    /**
     * Staff act on any escalation straight through the aggregate (404 if it does not exist); a tenant
     * principal only on one its own tenant's queue shows.
     */
    private EscalationId actionableEscalation(String escalationId) {
        EscalationId id = EscalationId.of(escalationId);
        if (!principal.get().isStaff()) {
            visibleEscalation(id);
        }
        return id;
    }

    /** Another tenant's escalation answers 404, not 403, so that its existence does not leak. */
    private EscalationView visibleEscalation(EscalationId id) {
        EscalationView view = queries.query(new FindEscalation(id), ResponseTypes.optionalInstanceOf(EscalationView.class))
                .join()
                .orElseThrow(() -> ApiProblem.notFound("escalation " + id.value()));
        if (!principal.get().mayAccess(TenantId.of(view.tenantId()))) {
            throw ApiProblem.notFound("escalation " + id.value());
        }
        return view;
    }
}
