package io.flk.domain.hrs.training;

import io.flk.domain.verification.HrsModel;
import io.flk.domain.verification.training.FeatureScaling;
import java.util.List;
import java.util.Map;

/**
 * A trained HRS version as read from its artifact: scaling, classifier and calibration in pure Java, immutable
 * and so safe to share between threads. Scoring allocates only the scaled feature array.
 */
public final class TrainedHrsModel implements HrsModel {

    private final String version;
    private final FeatureScaling scaling;
    private final HrsClassifier classifier;
    private final HrsCalibration calibration;

    TrainedHrsModel(String version, FeatureScaling scaling, HrsClassifier classifier, HrsCalibration calibration) {
        this.version = version;
        this.scaling = scaling;
        this.classifier = classifier;
        this.calibration = calibration;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public double risk(Map<String, Double> features) {
        return calibration.calibrate(rawRisk(features));
    }

    /** The classifier's risk before calibration, which is what Tribuo's own prediction corresponds to. */
    public double rawRisk(Map<String, Double> features) {
        return classifier.rawRisk(scaling.scale(features));
    }

    public List<String> featureSchema() {
        return scaling.names();
    }

    public String algorithm() {
        return classifier.algorithm();
    }

    public String calibration() {
        return calibration.kind();
    }
}
