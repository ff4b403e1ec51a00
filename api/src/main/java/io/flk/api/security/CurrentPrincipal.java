package io.flk.api.security;

import io.flk.domain.tenant.TenantId;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns Spring's authentication into a {@link FlkPrincipal}. Tenant scope comes from the JWT claim
 * {@code tenant_id} in production, and from the user name {@code tenant-<id>} for development users.
 */
@Component
public class CurrentPrincipal {

    public static final String TENANT_CLAIM = "tenant_id";
    static final String DEV_TENANT_USER_PREFIX = "tenant-";

    public FlkPrincipal get() {
        return from(SecurityContextHolder.getContext().getAuthentication());
    }

    public static FlkPrincipal from(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("no authenticated principal");
        }
        Set<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
        Optional<TenantId> tenant = roles.contains(Roles.TENANT) ? tenantOf(authentication) : Optional.empty();
        return new FlkPrincipal(authentication.getName(), roles, tenant);
    }

    private static Optional<TenantId> tenantOf(Authentication authentication) {
        String value = authentication instanceof JwtAuthenticationToken jwt
                ? jwt.getToken().getClaimAsString(TENANT_CLAIM)
                : authentication.getName().startsWith(DEV_TENANT_USER_PREFIX)
                        ? authentication.getName().substring(DEV_TENANT_USER_PREFIX.length())
                        : null;
        return value == null ? Optional.empty() : Optional.of(TenantId.of(value));
    }
}
