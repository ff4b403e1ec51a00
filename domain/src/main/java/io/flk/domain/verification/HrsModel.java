package io.flk.domain.verification;

import java.util.Map;

/** A trained Hallucination Risk Score model: a calibrated probability that a task is a hallucination. */
public interface HrsModel {

    String version();

    /** Probability in [0, 1] that the task is a hallucination, from its PI-safe features. */
    double risk(Map<String, Double> features);
}
