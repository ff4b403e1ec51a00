package io.flk.domain.budget;

/** What the budget saga does when the forecast crosses the soft cap. */
public enum DegradeAction {
    /** Only the {@code BudgetSoftCapForecast} event. */
    NONE,
    /** Drop the strategy that cost the most this period from the tenant's ensemble policy. */
    DISABLE_MOST_EXPENSIVE_STRATEGY
}
