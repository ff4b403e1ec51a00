package io.flk.benchmarks.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * The application's production authentication for load drivers: an RSA key pair made here, the public key
 * handed to the application as {@code spring.security.oauth2.resourceserver.jwt.public-key-location}, and RS256
 * tokens with the {@code roles} claim the application maps to its roles.
 */
public final class JwtIssuer implements AutoCloseable {

    private final KeyPair keys;
    private final Path publicKeyPem;

    public JwtIssuer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            publicKeyPem = Files.createTempFile("flk-bench-jwt-", ".pem");
            Files.writeString(publicKeyPem, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n", StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides RSA", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Spring Boot argument that makes the application trust this issuer (and drops the dev credentials). */
    public String applicationArgument() {
        return "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + publicKeyPem.toUri();
    }

    /** A signed token for {@code subject} with {@code roles}, valid for {@code validity}. */
    public String token(String subject, List<String> roles, Duration validity) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)))
                .claim("roles", roles)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(publicKeyPem);
        } catch (IOException e) {
            System.err.println("Could not delete " + publicKeyPem + ": " + e.getMessage());
        }
    }
}
