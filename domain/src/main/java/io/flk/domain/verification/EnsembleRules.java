package io.flk.domain.verification;

import io.flk.domain.shared.InvalidValue;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A weighted N-of-M rule: a task passes when the weights of the strategies voting GROUNDED add up to at
 * least {@code quorum} (N, in weight units; M is the total weight) and the weighted risk stays below
 * {@code escalateAtRisk}.
 */
public record EnsembleRules(Map<StrategyName, StrategySettings> strategies, double quorum, double escalateAtRisk) {

    public EnsembleRules {
        strategies = strategies == null || strategies.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(strategies));
    }

    public double totalWeight() {
        return strategies.values().stream().mapToDouble(StrategySettings::weight).sum();
    }

    /** Checks the rule as a whole; {@code field} prefixes the names of offending fields. */
    public EnsembleRules validated(String field) {
        if (strategies.isEmpty()) {
            throw new InvalidValue(field + ".strategies", "at least one strategy must be enabled");
        }
        strategies.forEach((name, settings) -> {
            if (settings == null) {
                throw new InvalidValue(field + ".strategies." + name, "settings are required");
            }
            settings.validated(field + ".strategies." + name);
        });
        if (!Double.isFinite(quorum) || quorum <= 0) {
            throw new InvalidValue(field + ".quorum", "quorum (N) must be a finite number > 0");
        }
        if (quorum > totalWeight() + 1e-9) {
            throw new InvalidValue(field + ".quorum", "quorum (N) " + quorum
                    + " is greater than the total weight (M) " + totalWeight());
        }
        if (!Double.isFinite(escalateAtRisk) || escalateAtRisk <= 0 || escalateAtRisk > 1) {
            throw new InvalidValue(field + ".escalateAtRisk", "escalateAtRisk must be within (0, 1]");
        }
        return this;
    }
}
