package io.flk.api.security;

import io.flk.domain.tenant.TenantId;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: a name for the audit trail, the roles, and for a tenant principal the one tenant it
 * is scoped to.
 */
public record FlkPrincipal(String name, Set<String> roles, Optional<TenantId> tenant) {

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** True when this principal may act for every tenant (operators, approvers, auditors). */
    public boolean isStaff() {
        return has(Roles.OPERATOR) || has(Roles.APPROVER) || has(Roles.AUDITOR);
    }

    /** Whether this principal may see or act on data of {@code tenantId}. */
    public boolean mayAccess(TenantId tenantId) {
        return isStaff() || tenant.map(tenantId::equals).orElse(false);
    }
}
