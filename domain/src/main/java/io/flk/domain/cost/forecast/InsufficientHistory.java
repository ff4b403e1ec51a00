package io.flk.domain.cost.forecast;

/**
 * The series is too short for the model: a weekly seasonal model needs two whole seasons to separate level,
 * trend and season. Refusing is better than a number nobody can defend.
 */
public class InsufficientHistory extends RuntimeException {

    private final int requiredDays;
    private final int availableDays;

    public InsufficientHistory(int requiredDays, int availableDays) {
        super("a forecast needs at least " + requiredDays + " days of history (two weekly seasons); "
                + availableDays + " available");
        this.requiredDays = requiredDays;
        this.availableDays = availableDays;
    }

    public int requiredDays() {
        return requiredDays;
    }

    public int availableDays() {
        return availableDays;
    }
}
