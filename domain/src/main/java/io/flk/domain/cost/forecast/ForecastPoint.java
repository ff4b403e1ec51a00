package io.flk.domain.cost.forecast;

/** One step ahead of the last observation: the point forecast and its prediction interval. */
public record ForecastPoint(int step, double point, double lower, double upper) {
}
