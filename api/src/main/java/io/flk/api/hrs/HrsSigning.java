package io.flk.api.hrs;

import io.flk.domain.hrs.training.ArtifactSignature;
import io.flk.domain.hrs.training.SigningKeys;
import io.flk.domain.tenant.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs HRS artifacts with this installation's Ed25519 key and verifies them against every trusted public key.
 * The key comes from configuration; without one, the embedded default generates a pair on first start and keeps it
 * in a file readable by its owner only, so that signatures stay verifiable across restarts. The private key is never
 * written to an event or a log.
 */
public final class HrsSigning {

    private static final Logger log = LoggerFactory.getLogger(HrsSigning.class);
    private static final String PRIVATE = "private-key";
    private static final String PUBLIC = "public-key";

    private final SigningKeys keys;
    private final String keyId;
    private final Map<String, PublicKey> trusted = new LinkedHashMap<>();

    HrsSigning(SigningKeys keys, List<PublicKey> alsoTrusted) {
        this.keys = keys;
        this.keyId = ArtifactSignature.keyId(keys.publicKey());
        trusted.put(keyId, keys.publicKey());
        alsoTrusted.forEach(key -> trusted.put(ArtifactSignature.keyId(key), key));
    }

    public static HrsSigning from(HrsProperties.Signing signing) {
        List<PublicKey> alsoTrusted = signing.trustedKeys().stream().map(SigningKeys::fromX509Base64).toList();
        if (signing.privateKey() != null && signing.publicKey() != null) {
            return new HrsSigning(new SigningKeys(SigningKeys.fromPkcs8Base64(signing.privateKey()),
                    SigningKeys.fromX509Base64(signing.publicKey())), alsoTrusted);
        }
        if (signing.privateKey() != null || signing.publicKey() != null) {
            throw new IllegalStateException("flk.hrs.signing needs both private-key and public-key, or neither");
        }
        return new HrsSigning(keysFromFile(signing.keyFile()), alsoTrusted);
    }

    /** SHA-256 of the public key that verifies this installation's signatures. */
    public String keyId() {
        return keyId;
    }

    public String sign(TenantId tenantId, String modelVersion, String sha256) {
        return ArtifactSignature.sign(keys.privateKey(), tenantId, modelVersion, sha256);
    }

    /** Whether a trusted key named {@code signingKeyId} verifies {@code signature} over the artifact's identity. */
    public boolean verifies(TenantId tenantId, String modelVersion, String sha256, String signature,
                            String signingKeyId) {
        PublicKey key = trusted.get(signingKeyId);
        return key != null && ArtifactSignature.verify(key, tenantId, modelVersion, sha256, signature);
    }

    private static SigningKeys keysFromFile(Path file) {
        try {
            if (Files.exists(file)) {
                Properties stored = new Properties();
                stored.load(Files.newBufferedReader(file, StandardCharsets.UTF_8));
                return new SigningKeys(SigningKeys.fromPkcs8Base64(stored.getProperty(PRIVATE)),
                        SigningKeys.fromX509Base64(stored.getProperty(PUBLIC)));
            }
            SigningKeys generated = SigningKeys.generate();
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path written = Files.createTempFile(parent, "hrs-signing", ".tmp");
            restrictToOwner(written);
            Files.writeString(written, PRIVATE + "=" + SigningKeys.toPkcs8Base64(generated.privateKey()) + "\n"
                    + PUBLIC + "=" + SigningKeys.toX509Base64(generated.publicKey()) + "\n", StandardCharsets.UTF_8);
            Files.move(written, file);
            log.warn("Generated an Ed25519 key for HRS artifacts in {} (key id {}). Every instance sharing this "
                            + "database must use the same key: set flk.hrs.signing.private-key and public-key.",
                    file.toAbsolutePath(), ArtifactSignature.keyId(generated.publicKey()));
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or keep the HRS signing key in " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            log.warn("Cannot restrict {} to its owner on this file system", file);
        }
    }
}
