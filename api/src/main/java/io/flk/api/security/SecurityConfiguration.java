package io.flk.api.security;

import io.flk.api.web.ProblemResponses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import io.flk.api.web.IdempotencyFilter;
import io.flk.api.web.RequestSizeLimitFilter;

/**
 * Stateless API security. Production: OAuth2 resource server (JWT with a {@code roles} claim and, for
 * tenant principals, {@code tenant_id}). Embedded default: HTTP Basic with the development credentials
 * of README.md, which exist only while no JWT source is configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    static final String ROLES_CLAIM = "roles";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems, RequestSizeLimitFilter sizeLimit,
                                    IdempotencyFilter idempotency,
                                    @Value("${flk.security.prometheus-open:true}") boolean prometheusOpen,
                                    Environment environment) throws Exception {
        boolean jwt = JwtConfigured.isConfigured(environment);
        // RFC 9110: a 401 names the scheme that would succeed.
        String challenge = jwt ? "Bearer" : "Basic realm=\"flk\"";
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
                    if (prometheusOpen) {
                        requests.requestMatchers("/actuator/prometheus").permitAll();
                    }
                    requests.requestMatchers("/actuator/**").hasAnyRole(Roles.OPERATOR, Roles.AUDITOR)
                            .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                            .permitAll()
                            .requestMatchers("/error").permitAll()
                            .requestMatchers("/api/v1/**").authenticated()
                            .anyRequest().denyAll();
                })
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthenticated(problems, challenge, "Authentication is required"))
                        .accessDeniedHandler((request, response, e) -> problems.write(response,
                                HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this request", null)))
                .addFilterBefore(sizeLimit, WebAsyncManagerIntegrationFilter.class)
                .addFilterAfter(idempotency, AuthorizationFilter.class);
        if (jwt) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(unauthenticated(problems, "Bearer error=\"invalid_token\"",
                            "A valid bearer token is required"))
                    .jwt(decoder -> decoder.jwtAuthenticationConverter(jwtToRoles())));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(
                    unauthenticated(problems, challenge, "Authentication is required")));
        }
        return http.build();
    }

    /** URLs the firewall refuses (";" parameters, "..", encoded separators) get a problem, not an error page. */
    @Bean
    RequestRejectedHandler requestRejected(ProblemResponses problems) {
        return (request, response, e) -> problems.write(response, HttpStatus.BAD_REQUEST, "invalid-request",
                "The request URL is not acceptable", null);
    }

    private static AuthenticationEntryPoint unauthenticated(ProblemResponses problems, String challenge,
                                                            String detail) {
        return (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
            problems.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", detail, null);
        };
    }

    private static Converter<Jwt, AbstractAuthenticationToken> jwtToRoles() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
            if (roles != null) {
                roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            }
            return authorities;
        });
        return converter;
    }

    /** Development credentials; documented in README.md and present only on the embedded default. */
    @Bean
    @Conditional(JwtConfigured.NotConfigured.class)
    UserDetailsService developmentUsers(@Value("${flk.security.dev-tenants:acme,globex}") List<String> tenants) {
        List<UserDetails> users = new ArrayList<>();
        // {noop}: these passwords are public by design; hashing them would only cost every request a bcrypt.
        users.add(User.withUsername("operator").password("{noop}operator-dev").roles(Roles.OPERATOR).build());
        users.add(User.withUsername("approver").password("{noop}approver-dev").roles(Roles.APPROVER).build());
        users.add(User.withUsername("auditor").password("{noop}auditor-dev").roles(Roles.AUDITOR).build());
        tenants.forEach(tenant -> users.add(User.withUsername(CurrentPrincipal.DEV_TENANT_USER_PREFIX + tenant)
                .password("{noop}tenant-dev").roles(Roles.TENANT).build()));
        // Exposed as a plain UserDetailsService: were Spring to see the manager's password-update side, it would
        // "upgrade" each {noop} password to bcrypt after a login, and every later request would pay for bcrypt.
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(users);
        return manager::loadUserByUsername;
    }
}
