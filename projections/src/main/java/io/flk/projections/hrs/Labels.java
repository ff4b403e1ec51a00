package io.flk.projections.hrs;

import io.flk.domain.escalation.Verdict;

/** What a human verdict teaches: the HRS, and the rollout gates that count labelled hallucinations. */
public final class Labels {

    private Labels() {
    }

    /** {@code null} for UNSURE: the reviewer could not tell, so the task is no example of either class. */
    public static Boolean hallucinated(Verdict verdict) {
        return switch (verdict) {
            case HALLUCINATION -> true;
            case GROUNDED -> false;
            case UNSURE -> null;
        };
    }
}
