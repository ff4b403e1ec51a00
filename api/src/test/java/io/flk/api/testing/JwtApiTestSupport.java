package io.flk.api.testing;

import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.flk.api.ControlPlaneApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application in production security mode: an OAuth2 resource server that trusts RS256 tokens
 * signed by a key pair generated here, so there are no development credentials. It shares the JVM's embedded
 * PostgreSQL with {@link ApiTestSupport}; both contexts then run like two instances of the app. Metrics export
 * stays on (Spring Boot turns it off in tests) so that the open Prometheus scrape can be checked here.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = {ControlPlaneApplication.class, SecondInstance.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class JwtApiTestSupport {

    private static final KeyPair TRUSTED = rsaKeyPair();
    private static final KeyPair UNTRUSTED = rsaKeyPair();
    private static final Path PUBLIC_KEY_PEM = writePublicKeyPem(TRUSTED);

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void productionMode(DynamicPropertyRegistry registry) {
        TestProperties.registerSharedDatabaseAndCommon(registry);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> PUBLIC_KEY_PEM.toUri().toString());
    }

    /** A client sending {@code Authorization: Bearer <jwt>}. */
    protected HttpJson bearer(String jwt) {
        return HttpJson.bearer(port, jwt);
    }

    protected HttpJson anonymous() {
        return HttpJson.anonymous(port);
    }

    /** A valid token of the trusted issuer for one hour. */
    protected static String token(String subject, List<String> roles, String tenantId) {
        return sign(TRUSTED.getPrivate(), subject, roles, tenantId, Instant.now().plus(Duration.ofHours(1)));
    }

    /** A token whose expiry lies well past the decoder's allowed clock skew. */
    protected static String expiredToken(String subject, List<String> roles) {
        return sign(TRUSTED.getPrivate(), subject, roles, null, Instant.now().minus(Duration.ofMinutes(10)));
    }

    /** A well-formed, unexpired token signed by a key the application does not trust. */
    protected static String untrustedToken(String subject, List<String> roles) {
        return sign(UNTRUSTED.getPrivate(), subject, roles, null, Instant.now().plus(Duration.ofHours(1)));
    }

    protected static String sign(PrivateKey key, String subject, List<String> roles, String tenantId, Instant expiry) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(expiry.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(expiry));
        if (roles != null) {
            claims.claim("roles", roles);
        }
        if (tenantId != null) {
            claims.claim("tenant_id", tenantId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    protected static String uniqueTenantId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Registers a tenant with an operator token and waits until the read model shows it. */
    protected void registerTenant(String tenantId) {
        HttpJson operator = bearer(token("ops@flk.dev", List.of("operator"), null));
        HttpJson.Response registered = operator.post("/api/v1/tenants", """
                {"tenantId":"%s","displayName":"%s","escalationSla":"PT4H","reviewSampleRate":0.05}"""
                .formatted(tenantId, tenantId));
        if (registered.status() != 201) {
            throw new AssertionError("could not register " + tenantId + ": " + registered);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> operator.get("/api/v1/tenants/" + tenantId).status() == 200);
    }

    /** Opens an escalation with an operator token and waits until the read model shows it. */
    protected String openEscalation(String tenantId, String taskId) {
        HttpJson operator = bearer(token("ops@flk.dev", List.of("operator"), null));
        HttpJson.Response opened = operator.post("/api/v1/escalations", """
                {"tenantId":"%s","taskId":"%s","reason":"risk above threshold","risk":0.9}"""
                .formatted(tenantId, taskId));
        if (opened.status() != 201) {
            throw new AssertionError("could not open an escalation: " + opened);
        }
        String id = opened.json().get("escalationId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> operator.get("/api/v1/escalations/" + id).status() == 200);
        return id;
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides RSA", e);
        }
    }

    private static Path writePublicKeyPem(KeyPair keys) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("flk-jwt-public-key", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
