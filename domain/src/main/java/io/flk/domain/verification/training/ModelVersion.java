package io.flk.domain.verification.training;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds a model version from everything that determines the model: hyper-parameters, seed, training rows
 * (ids, labels, exact feature values) and the model's own outputs on them. Tribuo's Java serialisation is
 * not used because its provenance holds timestamps; these inputs are the same on every run.
 */
final class ModelVersion {

    private final MessageDigest digest;
    private final String prefix;

    ModelVersion(String prefix) {
        this.prefix = prefix;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM provides SHA-256", impossible);
        }
    }

    ModelVersion add(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
        return this;
    }

    ModelVersion add(double value) {
        digest.update(ByteBuffer.allocate(8).putLong(Double.doubleToLongBits(value)).array());
        return this;
    }

    /** prefix + "-" + the first 12 hex digits of the SHA-256. */
    String finish() {
        return prefix + "-" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }
}
