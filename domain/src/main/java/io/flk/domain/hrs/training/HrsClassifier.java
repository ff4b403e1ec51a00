package io.flk.domain.hrs.training;

/** The uncalibrated part of a trained HRS model, in pure Java: scaled features in, raw risk out. */
public sealed interface HrsClassifier permits LinearClassifier, TreeEnsemble {

    /** @param scaled the features in schema order, already standardised and clipped */
    double rawRisk(double[] scaled);

    /** What trained it, e.g. {@code tribuo-logistic-regression}. */
    String algorithm();
}
