package io.flk.domain.billing;

import java.math.BigDecimal;

/** Sums of one currency's charges; {@code listCost} sums only the charges that state a list cost. */
public record CurrencyTotal(String currency, BigDecimal billedCost, BigDecimal effectiveCost, BigDecimal listCost) {
}
