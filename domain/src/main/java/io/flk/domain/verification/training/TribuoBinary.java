package io.flk.domain.verification.training;

import java.io.Serial;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A Tribuo classifier of hallucinated vs grounded over scaled named features. Tribuo models are immutable
 * after training and their {@code predict} is safe to call from many threads. Serializable so that a trained
 * micro-vote model can be stored as an artifact ({@link MicroVoteArtifact}).
 */
public final class TribuoBinary implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String HALLUCINATED = "hallucinated";
    public static final String GROUNDED = "grounded";

    private static final LabelFactory LABELS = new LabelFactory();
    /** A fixed date keeps the (unused) provenance from differing between runs. */
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /**
     * Tribuo logs an INFO line per epoch and per bagged tree; at start-up that is hundreds of lines about
     * nothing. Held in a field because java.util.logging keeps loggers only weakly.
     */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private final Model<Label> model;
    private final FeatureScaling scaling;
    private final String[] names;

    private TribuoBinary(Model<Label> model, FeatureScaling scaling) {
        this.model = model;
        this.scaling = scaling;
        this.names = scaling.names().toArray(String[]::new);
    }

    /** {@code names} must be sorted, as Tribuo keeps an example's features in name order. */
    public static TribuoBinary train(Trainer<Label> trainer, List<String> names, List<Map<String, Double>> rows,
                              boolean[] hallucinated) {
        FeatureScaling scaling = FeatureScaling.fit(names, rows);
        String[] featureNames = names.toArray(String[]::new);
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("labelled answers", EPOCH, LABELS), LABELS);
        for (int row = 0; row < rows.size(); row++) {
            Label label = new Label(hallucinated[row] ? HALLUCINATED : GROUNDED);
            dataset.add(new ArrayExample<>(label, featureNames, scaling.scale(rows.get(row))));
        }
        return new TribuoBinary(trainer.train(dataset), scaling);
    }

    public double probabilityHallucinated(Map<String, Double> features) {
        Example<Label> example = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, scaling.scale(features));
        Prediction<Label> prediction = model.predict(example);
        Label hallucinated = prediction.getOutputScores().get(HALLUCINATED);
        return hallucinated == null ? 0 : hallucinated.getScore();
    }

    /** The trained Tribuo model, for exporters that read its parameters. */
    public Model<Label> model() {
        return model;
    }

    public FeatureScaling scaling() {
        return scaling;
    }
}
