package io.flk.domain.verification.training;

import io.flk.domain.verification.AnswerFeatures;
import io.flk.domain.verification.HrsModel;
import java.util.List;
import java.util.Map;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * The default HRS model: Tribuo logistic regression over the standardised {@link AnswerFeatures} text
 * features, then Platt scaling fitted on a held-out calibration set, so that {@link #risk} is a calibrated
 * probability of hallucination. Versioned "hrs-" + hash of everything that determines it.
 */
public final class CalibratedLogisticHrs implements HrsModel {

    public static final int EPOCHS = 30;
    public static final double LEARNING_RATE = 0.1;
    public static final int MINIBATCH = 1;

    private final TribuoBinary classifier;
    private final PlattScaling calibration;
    private final String version;

    private CalibratedLogisticHrs(TribuoBinary classifier, PlattScaling calibration, String version) {
        this.classifier = classifier;
        this.calibration = calibration;
        this.version = version;
    }

    /**
     * Fits the logistic model on {@code training} and the Platt scaling on {@code calibration} (other items).
     * Same data and seed give the same model and version.
     */
    public static CalibratedLogisticHrs train(List<LabelledAnswer> training, List<LabelledAnswer> calibration,
                                              long seed) {
        List<LabelledAnswer> trainRows = TrainingRows.sorted(training);
        List<Map<String, Double>> rows = TrainingRows.features(trainRows);
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE), EPOCHS,
                Integer.MAX_VALUE, MINIBATCH, seed);
        TribuoBinary classifier = TribuoBinary.train(trainer, AnswerFeatures.MODEL_FEATURES, rows, TrainingRows.labels(trainRows));

        List<LabelledAnswer> calibrationRows = TrainingRows.sorted(calibration);
        List<Map<String, Double>> calibrationFeatures = TrainingRows.features(calibrationRows);
        double[] raw = new double[calibrationRows.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = classifier.probabilityHallucinated(calibrationFeatures.get(i));
        }
        PlattScaling platt = PlattScaling.fit(raw, TrainingRows.labels(calibrationRows));

        ModelVersion version = new ModelVersion("hrs").add("tribuo-logistic-adagrad").add(LEARNING_RATE)
                .add(EPOCHS).add(MINIBATCH).add(seed).add(String.join(",", AnswerFeatures.MODEL_FEATURES));
        TrainingRows.describe(version, trainRows, rows, classifier);
        TrainingRows.describe(version, calibrationRows, calibrationFeatures, classifier);
        version.add(platt.a()).add(platt.b());
        return new CalibratedLogisticHrs(classifier, platt, version.finish());
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public double risk(Map<String, Double> features) {
        return calibration.calibrate(classifier.probabilityHallucinated(features));
    }

    public PlattScaling calibration() {
        return calibration;
    }
}
