package io.flk.domain.rollout;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers in gate details and reasons, written the same way everywhere an auditor reads them. */
final class GateText {

    private GateText() {
    }

    /** Whole numbers from 1000 up (microseconds), else four significant digits. */
    static String fmt(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (Math.abs(value) >= 1000) {
            return Long.toString(Math.round(value));
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    static String harm(ConfidenceSequence harm, double margin) {
        return "harm " + fmt(harm.estimate()) + " (standard error " + fmt(harm.standardError()) + ") in ["
                + fmt(harm.lower()) + ", " + fmt(harm.upper()) + "] against margin " + fmt(margin);
    }
}
