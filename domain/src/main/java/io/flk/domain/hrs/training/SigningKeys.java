package io.flk.domain.hrs.training;

import io.flk.domain.shared.InvalidValue;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** An Ed25519 key pair for signing HRS artifacts, with the standard encodings used to configure it. */
public record SigningKeys(PrivateKey privateKey, PublicKey publicKey) {

    static final String ALGORITHM = "Ed25519";

    public static SigningKeys generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new SigningKeys(pair.getPrivate(), pair.getPublic());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java 15+ JVM provides Ed25519", impossible);
        }
    }

    public static String toPkcs8Base64(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String toX509Base64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** @throws InvalidValue field {@code privateKey} when the text is not a base64 PKCS#8 Ed25519 key */
    public static PrivateKey fromPkcs8Base64(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidValue("privateKey", "not a base64 PKCS#8 Ed25519 private key");
        }
    }

    /** @throws InvalidValue field {@code publicKey} when the text is not a base64 X.509 Ed25519 key */
    public static PublicKey fromX509Base64(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidValue("publicKey", "not a base64 X.509 Ed25519 public key");
        }
    }

    private static byte[] decode(String base64) {
        if (base64 == null) {
            throw new IllegalArgumentException("no key");
        }
        return Base64.getDecoder().decode(base64.strip());
    }
}
