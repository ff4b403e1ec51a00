package io.flk.api.security;

import java.util.stream.Stream;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Production mode: an OAuth2 issuer, a JWK set or a public key is configured for JWT validation. */
public class JwtConfigured implements Condition {

    private static final String PREFIX = "spring.security.oauth2.resourceserver.jwt.";

    public static boolean isConfigured(Environment environment) {
        return Stream.of("issuer-uri", "jwk-set-uri", "public-key-location")
                .map(key -> environment.getProperty(PREFIX + key))
                .anyMatch(value -> value != null && !value.isBlank());
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return isConfigured(context.getEnvironment());
    }

    /** The opposite: the embedded default with its development credentials. */
    public static class NotConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !isConfigured(context.getEnvironment());
        }
    }
}
