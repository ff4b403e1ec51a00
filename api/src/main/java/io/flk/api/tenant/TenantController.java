package io.flk.api.tenant;

import io.flk.api.security.CurrentPrincipal;
import io.flk.api.web.ApiProblem;
import io.flk.api.web.ETags;
import io.flk.domain.tenant.TenantCommands.ChangeTenantSettings;
import io.flk.domain.tenant.TenantCommands.RegisterTenant;
import io.flk.domain.tenant.TenantCommands.SuspendTenant;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.tenant.TenantQueries.FetchTenants;
import io.flk.domain.tenant.TenantQueries.FindTenant;
import io.flk.domain.tenant.TenantQueries.TenantList;
import io.flk.domain.tenant.TenantQueries.TenantView;
import io.flk.domain.tenant.TenantSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tenants")
public class TenantController {

    public record TenantSettingsRequest(@NotBlank @Size(max = 200) String displayName, @NotNull Duration escalationSla,
                                        @NotNull Double reviewSampleRate) {
        TenantSettings toSettings() {
            return new TenantSettings(displayName, escalationSla, reviewSampleRate);
        }
    }

    public record RegisterTenantRequest(@NotNull String tenantId, @NotBlank @Size(max = 200) String displayName,
                                        @NotNull Duration escalationSla, @NotNull Double reviewSampleRate) {
        TenantSettings toSettings() {
            return new TenantSettingsRequest(displayName, escalationSla, reviewSampleRate).toSettings();
        }
    }

    public record SuspendTenantRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record TenantChanged(String tenantId, long version) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final CurrentPrincipal principal;
    private final TenantDirectory directory;
    private final Clock clock;

    public TenantController(CommandGateway commands, QueryGateway queries, CurrentPrincipal principal,
                            TenantDirectory directory, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.principal = principal;
        this.directory = directory;
        this.clock = clock;
    }

    @PostMapping
    @PreAuthorize("hasRole('operator')")
    public ResponseEntity<TenantChanged> register(@Valid @RequestBody RegisterTenantRequest request) {
        TenantId tenantId = TenantId.of(request.tenantId());
        commands.sendAndWait(new RegisterTenant(tenantId, request.toSettings(), principal.get().name(), now()));
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId.value()))
                .eTag(ETags.of(0))
                .body(new TenantChanged(tenantId.value(), 0));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('operator', 'auditor')")
    public TenantList list() {
        return queries.query(new FetchTenants(), TenantList.class).join();
    }

    @GetMapping("/{tenantId}")
    @PreAuthorize("hasAnyRole('operator', 'auditor', 'tenant')")
    public ResponseEntity<TenantView> get(@PathVariable String tenantId) {
        TenantId id = directory.visibleTo(principal.get(), tenantId, "tenantId");
        TenantView view = queries.query(new FindTenant(id), ResponseTypes.optionalInstanceOf(TenantView.class)).join()
                .orElseThrow(() -> ApiProblem.notFound("tenant " + tenantId));
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PutMapping("/{tenantId}/settings")
    @PreAuthorize("hasRole('operator')")
    public ResponseEntity<TenantChanged> changeSettings(@PathVariable String tenantId,
                                                        @RequestHeader(name = ETags.IF_MATCH, required = false) String ifMatch,
                                                        @Valid @RequestBody TenantSettingsRequest request) {
        TenantId id = TenantId.of(tenantId);
        long version = commands.sendAndWait(new ChangeTenantSettings(id, request.toSettings(),
                ETags.expectedVersion(ifMatch), principal.get().name(), now()));
        return ResponseEntity.ok().eTag(ETags.of(version)).body(new TenantChanged(id.value(), version));
    }

    @PostMapping("/{tenantId}/suspension")
    @PreAuthorize("hasRole('operator')")
    public ResponseEntity<TenantChanged> suspend(@PathVariable String tenantId,
                                                 @RequestHeader(name = ETags.IF_MATCH, required = false) String ifMatch,
                                                 @Valid @RequestBody SuspendTenantRequest request) {
        TenantId id = TenantId.of(tenantId);
        long version = commands.sendAndWait(new SuspendTenant(id, request.reason(), ETags.expectedVersion(ifMatch),
                principal.get().name(), now()));
        return ResponseEntity.ok().eTag(ETags.of(version)).body(new TenantChanged(id.value(), version));
    }

    private Instant now() {
        return clock.instant();
    }
}
