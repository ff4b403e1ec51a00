package io.flk.domain.hrs;

import io.flk.domain.shared.InvalidValue;

/**
 * What a version's offline metrics must reach before it may decide tasks (champion or challenger). Carried by
 * the promotion request and its event, so that an auditor sees the bar a version was held to.
 */
public record EligibilityGates(double minRocAuc, double maxEce) {

    public EligibilityGates {
        if (!(minRocAuc >= 0 && minRocAuc <= 1)) {
            throw new InvalidValue("minRocAuc", "minRocAuc must be within [0, 1]");
        }
        if (!(maxEce >= 0 && maxEce <= 1)) {
            throw new InvalidValue("maxEce", "maxEce must be within [0, 1]");
        }
    }

    public static EligibilityGates defaults() {
        return new EligibilityGates(0.85, 0.05);
    }

    public boolean admits(ModelMetrics metrics) {
        return admits(metrics.rocAuc(), metrics.ece());
    }

    /** For holders of a version's headline numbers only, such as an aggregate that does not keep the curves. */
    public boolean admits(double rocAuc, double ece) {
        return rocAuc >= minRocAuc && ece <= maxEce;
    }
}
