package io.flk.api.verification;

import io.flk.api.security.CurrentPrincipal;
import io.flk.api.tenant.TenantDirectory;
import io.flk.api.web.ETags;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.EnsemblePolicyCommands.ChangeEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicyCommands.DefineEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicyQueries.EnsemblePolicyHistory;
import io.flk.domain.verification.EnsemblePolicyQueries.EnsemblePolicyView;
import io.flk.domain.verification.EnsemblePolicyQueries.FetchEnsemblePolicyHistory;
import io.flk.domain.verification.EnsemblePolicyQueries.FindEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.PolicyId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's ensemble policy. Until a tenant defines one, the built-in default applies as version 0.
 * Operators define and change it; every change is a new complete version with its author and reason.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/ensemble-policy")
public class EnsemblePolicyController {

    /** Also the candidate policy of a policy rollout (without {@code reason}: the rollout request has its own). */
    public record PolicyRequest(@NotNull EnsembleRules treatment, @NotNull EnsembleRules baseline,
                                @NotNull Double controlShare, @Size(max = 500) String reason) {

        /** The policy this body describes, not yet validated. */
        public EnsemblePolicySpec spec() {
            return new EnsemblePolicySpec(treatment, baseline, controlShare);
        }
    }

    public record PolicyChanged(String tenantId, long policyVersion, long version) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final CurrentPrincipal principal;
    private final TenantDirectory tenants;
    private final PolicyCache policies;
    private final Clock clock;

    public EnsemblePolicyController(CommandGateway commands, QueryGateway queries, CurrentPrincipal principal,
                                    TenantDirectory tenants, PolicyCache policies, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.principal = principal;
        this.tenants = tenants;
        this.policies = policies;
        this.clock = clock;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public ResponseEntity<EnsemblePolicyView> current(@PathVariable String tenantId) {
        TenantId id = tenants.visibleTo(principal.get(), tenantId, "tenantId");
        return queries.query(new FindEnsemblePolicy(id), ResponseTypes.optionalInstanceOf(EnsemblePolicyView.class))
                .join()
                .map(view -> ResponseEntity.ok().eTag(ETags.of(view.version())).body(view))
                .orElseGet(() -> ResponseEntity.ok(builtInDefault(id)));
    }

    @GetMapping("/versions")
    @PreAuthorize("hasAnyRole('operator', 'approver', 'auditor', 'tenant')")
    public EnsemblePolicyHistory versions(@PathVariable String tenantId) {
        TenantId id = tenants.visibleTo(principal.get(), tenantId, "tenantId");
        return queries.query(new FetchEnsemblePolicyHistory(id), EnsemblePolicyHistory.class).join();
    }

    @PutMapping
    @PreAuthorize("hasRole('operator')")
    public ResponseEntity<PolicyChanged> put(@PathVariable String tenantId,
                                             @RequestHeader(name = ETags.IF_MATCH, required = false) String ifMatch,
                                             @Valid @RequestBody PolicyRequest request) {
        TenantId id = TenantId.of(tenantId);
        tenants.requireActive(id, "tenantId");
        EnsemblePolicySpec spec = request.spec().validated();
        Long expectedVersion = ETags.expectedVersion(ifMatch);
        String actor = principal.get().name();
        if (policies.current(id).policyVersion() == 0 && expectedVersion == null) {
            long version = commands.sendAndWait(new DefineEnsemblePolicy(PolicyId.of(id), spec, actor,
                    clock.instant()));
            return ResponseEntity.created(URI.create("/api/v1/tenants/" + id.value() + "/ensemble-policy"))
                    .eTag(ETags.of(version))
                    .body(new PolicyChanged(id.value(), policies.current(id).policyVersion(), version));
        }
        long version = commands.sendAndWait(new ChangeEnsemblePolicy(PolicyId.of(id), spec, request.reason(),
                expectedVersion, actor, clock.instant()));
        return ResponseEntity.ok().eTag(ETags.of(version))
                .body(new PolicyChanged(id.value(), policies.current(id).policyVersion(), version));
    }

    private EnsemblePolicyView builtInDefault(TenantId id) {
        LivePolicy live = policies.current(id);
        String note = live.policyVersion() == 0 ? "built-in default: no policy defined yet"
                : "live policy; its history is still being indexed";
        return new EnsemblePolicyView(id.value(), live.policyVersion(), live.policy(), null, note, null, -1);
    }
}
