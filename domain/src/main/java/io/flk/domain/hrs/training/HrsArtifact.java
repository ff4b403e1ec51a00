package io.flk.domain.hrs.training;

import io.flk.domain.verification.training.FeatureScaling;
import io.flk.domain.verification.training.PlattScaling;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A trained HRS version as bytes: our own format rather than Java or Tribuo serialisation, so that the same
 * data and seed give the same bytes (Tribuo's provenance holds training timestamps) and loading runs no
 * deserialisation gadget. Layout, big-endian: magic {@code FLKHRS}, format version, feature names, scaling
 * means and deviations, classifier kind and parameters, calibration kind and parameters, nothing after.
 *
 * @param modelVersion {@code hrs-} and the first 16 hex digits of {@code sha256}
 */
public record HrsArtifact(String modelVersion, byte[] bytes, String sha256) {

    /** Corrupt, truncated or foreign bytes: the artifact is refused rather than half-read. */
    public static final class Unreadable extends IllegalStateException {

        public Unreadable(String message) {
            super(message);
        }
    }

    private static final byte[] MAGIC = {'F', 'L', 'K', 'H', 'R', 'S'};
    private static final short FORMAT_VERSION = 1;
    private static final byte LINEAR = 1;
    private static final byte BOOSTED_TREES = 2;
    private static final byte FOREST = 3;
    private static final byte PLATT = 1;
    private static final byte ISOTONIC = 2;
    /** Far above any model a training makes, low enough that corrupt counts cannot exhaust memory. */
    private static final int MAX_COUNT = 1 << 22;

    public HrsArtifact {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public static HrsArtifact write(FeatureScaling scaling, HrsClassifier classifier, HrsCalibration calibration) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.write(MAGIC);
            out.writeShort(FORMAT_VERSION);
            out.writeInt(scaling.names().size());
            for (String name : scaling.names()) {
                out.writeUTF(name);
            }
            writeDoubles(out, scaling.means());
            writeDoubles(out, scaling.deviations());
            writeClassifier(out, classifier);
            writeCalibration(out, calibration);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        byte[] bytes = buffer.toByteArray();
        String sha256 = sha256(bytes);
        return new HrsArtifact(versionOf(sha256), bytes, sha256);
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(HrsTrainingData.sha256().digest(bytes));
    }

    public static String versionOf(String sha256) {
        return "hrs-" + sha256.substring(0, 16);
    }

    /** Reads bytes whose hash was checked elsewhere; the version is derived from them. */
    public static TrainedHrsModel read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new Unreadable("not an HRS artifact (bad magic)");
            }
            short format = in.readShort();
            if (format != FORMAT_VERSION) {
                throw new Unreadable("unknown HRS artifact format " + format);
            }
            int width = count(in, "features");
            List<String> names = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                names.add(in.readUTF());
            }
            double[] means = readDoubles(in, width);
            double[] deviations = readDoubles(in, width);
            for (double deviation : deviations) {
                require(deviation > 0, "a scaling deviation is not positive");
            }
            HrsClassifier classifier = readClassifier(in, width);
            HrsCalibration calibration = readCalibration(in);
            require(in.read() < 0, "bytes follow the calibration");
            return new TrainedHrsModel(versionOf(sha256(bytes)), new FeatureScaling(names, means, deviations),
                    classifier, calibration);
        } catch (IOException | IllegalArgumentException e) {
            throw new Unreadable("corrupt HRS artifact: " + e.getMessage());
        }
    }

    /** Reads bytes only if they hash to {@code expectedSha256}, as stored with the registration. */
    public static TrainedHrsModel read(byte[] bytes, String expectedSha256) {
        String actual = sha256(bytes);
        if (!actual.equals(expectedSha256)) {
            throw new Unreadable("artifact SHA-256 " + actual + " differs from the registered " + expectedSha256);
        }
        return read(bytes);
    }

    private static void writeClassifier(DataOutputStream out, HrsClassifier classifier) throws IOException {
        if (classifier instanceof LinearClassifier linear) {
            out.writeByte(LINEAR);
            out.writeDouble(linear.bias());
            writeDoubles(out, linear.weights());
        } else if (classifier instanceof TreeEnsemble trees) {
            out.writeByte(trees.kind() == TreeEnsemble.Kind.BOOSTED_LOGITS ? BOOSTED_TREES : FOREST);
            int[] roots = trees.roots();
            out.writeInt(roots.length);
            out.writeInt(trees.nodes());
            for (int root : roots) {
                out.writeInt(root);
            }
            int[] feature = trees.feature();
            double[] value = trees.value();
            int[] below = trees.below();
            int[] notBelow = trees.notBelow();
            for (int node = 0; node < feature.length; node++) {
                out.writeInt(feature[node]);
                out.writeDouble(value[node]);
                out.writeInt(below[node]);
                out.writeInt(notBelow[node]);
            }
        }
    }

    private static HrsClassifier readClassifier(DataInputStream in, int width) throws IOException {
        byte kind = in.readByte();
        if (kind == LINEAR) {
            double bias = in.readDouble();
            require(Double.isFinite(bias), "the bias is not finite");
            return new LinearClassifier(readDoubles(in, width), bias);
        }
        require(kind == BOOSTED_TREES || kind == FOREST, "unknown classifier kind " + kind);
        int trees = count(in, "trees");
        int nodes = count(in, "nodes");
        require(trees > 0 && nodes >= trees, "an ensemble needs trees and at least a node per tree");
        int[] roots = new int[trees];
        for (int t = 0; t < trees; t++) {
            roots[t] = in.readInt();
            require(roots[t] >= 0 && roots[t] < nodes, "a tree root is out of bounds");
        }
        int[] feature = new int[nodes];
        double[] value = new double[nodes];
        int[] below = new int[nodes];
        int[] notBelow = new int[nodes];
        for (int node = 0; node < nodes; node++) {
            feature[node] = in.readInt();
            value[node] = in.readDouble();
            below[node] = in.readInt();
            notBelow[node] = in.readInt();
            require(feature[node] >= -1 && feature[node] < width, "a split feature is out of bounds");
            require(Double.isFinite(value[node]), "a node value is not finite");
            // Children after their parent: every walk ends, whatever the bytes say.
            require(feature[node] < 0 || (below[node] > node && below[node] < nodes
                    && notBelow[node] > node && notBelow[node] < nodes), "a child index is out of bounds");
        }
        TreeEnsemble.Kind ensemble = kind == BOOSTED_TREES
                ? TreeEnsemble.Kind.BOOSTED_LOGITS : TreeEnsemble.Kind.AVERAGED_PROBABILITIES;
        return new TreeEnsemble(ensemble, roots, feature, value, below, notBelow);
    }

    private static void writeCalibration(DataOutputStream out, HrsCalibration calibration) throws IOException {
        if (calibration instanceof PlattCalibration platt) {
            out.writeByte(PLATT);
            out.writeDouble(platt.scaling().a());
            out.writeDouble(platt.scaling().b());
        } else if (calibration instanceof IsotonicCalibration isotonic) {
            out.writeByte(ISOTONIC);
            double[] knots = isotonic.knots();
            out.writeInt(knots.length);
            writeDoubles(out, knots);
            writeDoubles(out, isotonic.values());
        }
    }

    private static HrsCalibration readCalibration(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        if (kind == PLATT) {
            double a = in.readDouble();
            double b = in.readDouble();
            require(Double.isFinite(a) && Double.isFinite(b), "Platt parameters are not finite");
            return new PlattCalibration(new PlattScaling(a, b));
        }
        require(kind == ISOTONIC, "unknown calibration kind " + kind);
        int knots = count(in, "isotonic knots");
        return new IsotonicCalibration(readDoubles(in, knots), readDoubles(in, knots));
    }

    private static int count(DataInputStream in, String what) throws IOException {
        int count = in.readInt();
        require(count >= 0 && count <= MAX_COUNT && count <= in.available(), "implausible count of " + what);
        return count;
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    private static double[] readDoubles(DataInputStream in, int count) throws IOException {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readDouble();
            require(Double.isFinite(values[i]), "a parameter is not finite");
        }
        return values;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new Unreadable("corrupt HRS artifact: " + problem);
        }
    }
}
