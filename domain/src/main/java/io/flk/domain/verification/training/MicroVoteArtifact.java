package io.flk.domain.verification.training;

import io.flk.domain.verification.strategy.MicroVoteModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A trained micro-vote model as bytes (Java serialisation of the Tribuo model and its feature scaling) and
 * their SHA-256. It holds feature names, scaling constants and trees: numbers, never a prompt, answer or source.
 * The bytes are not reproducible (Tribuo's provenance records when and where it trained); the version is.
 */
public record MicroVoteArtifact(String version, byte[] bytes, String sha256) {

    /**
     * Only the classes a trained model is made of may be instantiated when reading, so that bytes written by
     * someone else into the table cannot run a deserialisation gadget; the hash check alone would not stop
     * whoever can also rewrite the hash.
     */
    private static final ObjectInputFilter MODEL_CLASSES = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;maxrefs=1000000;maxbytes=67108864;"
                    + "io.flk.domain.verification.training.*;org.tribuo.**;com.oracle.labs.mlrg.olcut.**;"
                    + "java.lang.*;java.util.*;java.time.*;java.net.URI;!*");

    public MicroVoteArtifact {
        bytes = bytes.clone();
    }

    public static MicroVoteArtifact of(MicroVoteModel model) {
        if (!(model instanceof Serializable)) {
            throw new IllegalArgumentException("micro-vote model " + model.version() + " cannot be stored");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(model);
        } catch (IOException e) {
            throw new UncheckedIOException("micro-vote model " + model.version() + " cannot be serialised", e);
        }
        byte[] bytes = buffer.toByteArray();
        return new MicroVoteArtifact(model.version(), bytes, sha256(bytes));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The model, once the bytes match their SHA-256 and turn out to be the version they claim to be. */
    public MicroVoteModel load() {
        String computed = sha256(bytes);
        if (!computed.equals(sha256)) {
            throw new Unusable(version, "its bytes do not match their SHA-256 (stored " + sha256 + ", computed "
                    + computed + ")", null);
        }
        Object read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(MODEL_CLASSES);
            read = in.readObject();
        } catch (IOException | ClassNotFoundException unreadable) {
            throw new Unusable(version, "it cannot be read: " + unreadable, unreadable);
        }
        if (!(read instanceof MicroVoteModel model) || !model.version().equals(version)) {
            throw new Unusable(version, "it does not hold model " + version, null);
        }
        return model;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM provides SHA-256", impossible);
        }
    }

    /** A stored artifact that must not be served. */
    public static final class Unusable extends IllegalStateException {

        public Unusable(String version, String why, Throwable cause) {
            super("micro-vote artifact " + version + " is refused: " + why, cause);
        }
    }
}
