package io.flk.domain.hrs;

/**
 * How one candidate of a training did on the validation split.
 *
 * @param algorithm what actually trained, e.g. {@code tribuo-xgboost}, or {@code tribuo-random-forest} when
 *                  XGBoost's native library did not load
 * @param chosen    the candidate with the best validation AUC, which was then calibrated and registered
 */
public record CandidateResult(String candidate, String algorithm, double validationAuc, boolean chosen) {
}
