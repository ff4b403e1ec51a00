package io.flk.api.verification;

import io.flk.api.security.CurrentPrincipal;
import io.flk.api.security.FlkPrincipal;
import io.flk.api.tenant.TenantDirectory;
import io.flk.api.web.ApiProblem;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.CostModel;
import io.flk.domain.verification.TaskCommands.ReviewTask;
import io.flk.domain.verification.TaskRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sampled human reviews of passed tasks: the labels that reveal escaped hallucinations. */
@RestController
@RequestMapping("/api/v1/tasks/{taskId}/reviews")
public class TaskReviewController {

    /** @param tenantId required for staff; a tenant principal reviews its own tenant's tasks */
    public record ReviewRequest(String tenantId, @NotNull Verdict verdict) {
    }

    public record ReviewRecorded(String tenantId, String taskId, Verdict verdict, String reviewer) {
    }

    private final CommandGateway commands;
    private final CurrentPrincipal principal;
    private final TenantDirectory tenants;
    private final CostModel costs;
    private final Clock clock;

    public TaskReviewController(CommandGateway commands, CurrentPrincipal principal, TenantDirectory tenants,
                                CostModel costs, Clock clock) {
        this.commands = commands;
        this.principal = principal;
        this.tenants = tenants;
        this.costs = costs;
        this.clock = clock;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('operator', 'approver', 'tenant')")
    public ResponseEntity<ReviewRecorded> review(@PathVariable String taskId, @Valid @RequestBody ReviewRequest request) {
        FlkPrincipal caller = principal.get();
        String requested = request.tenantId() != null ? request.tenantId() : caller.tenant().map(TenantId::value)
                .orElseThrow(() -> ApiProblem.invalid("tenantId", "tenantId is required"));
        TaskRef task = TaskRef.of(tenants.visibleTo(caller, requested, "tenantId"), taskId);
        commands.sendAndWait(new ReviewTask(task, request.verdict(), caller.name(), costs.humanReviewUsd(),
                clock.instant()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new ReviewRecorded(requested, taskId, request.verdict(), caller.name()));
    }
}
