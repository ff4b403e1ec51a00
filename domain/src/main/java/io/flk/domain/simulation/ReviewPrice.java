package io.flk.domain.simulation;

/**
 * The review cost of an escalation with no recorded label (still open in reality, or escalated only by the
 * candidate): the mean review cost recorded for the replayed range's labelled tasks, or the configured price of a
 * human review when none of them was labelled.
 *
 * @param usd            the price used
 * @param recordedLabels how many recorded labels the mean is over; 0 when the configured price is used
 */
public record ReviewPrice(double usd, long recordedLabels) {

    public static ReviewPrice of(long recordedLabels, double recordedReviewCostUsd, double configuredUsd) {
        return recordedLabels == 0 ? new ReviewPrice(configuredUsd, 0)
                : new ReviewPrice(recordedReviewCostUsd / recordedLabels, recordedLabels);
    }

    public boolean fromRecordedLabels() {
        return recordedLabels > 0;
    }
}
