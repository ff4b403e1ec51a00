package io.flk.domain.hrs.training;

import io.flk.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 signatures over an artifact's tenant, version and SHA-256. The tenant is signed so that one tenant's
 * artifact cannot be replayed into another's line; the prefix keeps these signatures from being valid for any
 * other message the same key might sign.
 */
public final class ArtifactSignature {

    private static final String DOMAIN = "flk-hrs-artifact-v1";

    private ArtifactSignature() {
    }

    /** {@code flk-hrs-artifact-v1\ntenant\nversion\nsha256}, UTF-8; ids and hex hold no line breaks. */
    public static byte[] message(TenantId tenantId, String modelVersion, String sha256) {
        return (DOMAIN + "\n" + tenantId.value() + "\n" + modelVersion + "\n" + sha256)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** @return the signature in base64 */
    public static String sign(PrivateKey key, TenantId tenantId, String modelVersion, String sha256) {
        try {
            Signature signer = Signature.getInstance(SigningKeys.ALGORITHM);
            signer.initSign(key);
            signer.update(message(tenantId, modelVersion, sha256));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with an Ed25519 key: " + e.getMessage(), e);
        }
    }

    /** False for a wrong key, a changed field or a malformed signature; never throws for bad input. */
    public static boolean verify(PublicKey key, TenantId tenantId, String modelVersion, String sha256,
                                 String signature) {
        if (key == null || tenantId == null || modelVersion == null || sha256 == null || signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(SigningKeys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message(tenantId, modelVersion, sha256));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Hex SHA-256 of the key's X.509 encoding: names the key without revealing anything secret. */
    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(HrsTrainingData.sha256().digest(key.getEncoded()));
    }
}
