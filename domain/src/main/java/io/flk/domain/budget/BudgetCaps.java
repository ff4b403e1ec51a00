package io.flk.domain.budget;

import io.flk.domain.shared.InvalidValue;
import java.math.BigDecimal;

/** Soft cap (forecast warning and degrade) and hard cap (enforcement) in USD for one period. */
public record BudgetCaps(BigDecimal softCapUsd, BigDecimal hardCapUsd) {

    public static final BigDecimal MAX_USD = new BigDecimal("1000000000");

    public BudgetCaps {
        requirePositive(softCapUsd, "softCapUsd");
        requirePositive(hardCapUsd, "hardCapUsd");
        if (softCapUsd.compareTo(hardCapUsd) > 0) {
            throw new InvalidValue("softCapUsd", "softCapUsd must not be greater than hardCapUsd");
        }
    }

    private static void requirePositive(BigDecimal value, String field) {
        if (value == null || value.signum() <= 0 || value.compareTo(MAX_USD) > 0) {
            throw new InvalidValue(field, field + " must be greater than 0 and at most " + MAX_USD.toPlainString());
        }
    }
}
