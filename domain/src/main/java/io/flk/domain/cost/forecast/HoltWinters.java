package io.flk.domain.cost.forecast;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Additive Holt-Winters, i.e. ETS(A,A,A), in the error-correction form of Hyndman &amp; Athanasopoulos
 * (FPP3, section 8.3): level {@code l += b + alpha*e}, trend {@code b += alpha*beta*e}, season
 * {@code s += gamma*e}. That form is what makes the analytical forecast variance below exact.
 * The smoothing parameters minimise the one-step sum of squared errors, found with BOBYQA inside [0, 1] (Nelder-Mead when BOBYQA gives up).
 */
public final class HoltWinters {

    public static final int WEEKLY = 7;
    private static final double LOWER = 1e-4;
    private static final double UPPER = 1 - 1e-4;
    private static final double[][] STARTS = {{0.3, 0.1, 0.1}, {0.7, 0.05, 0.2}, {0.1, 0.3, 0.4}};

    /** @param beta the trend's share of the level correction (beta* in FPP3), so the trend moves by alpha*beta*e */
    public record Parameters(double alpha, double beta, double gamma) {
    }

    private final int period;

    public HoltWinters(int period) {
        if (period < 2) {
            throw new IllegalArgumentException("period must be at least 2");
        }
        this.period = period;
    }

    public static HoltWinters weekly() {
        return new HoltWinters(WEEKLY);
    }

    public int period() {
        return period;
    }

    public int minimumHistory() {
        return 2 * period;
    }

    /** Fits the parameters to {@code history} and forecasts {@code horizon} steps with {@code level} intervals. */
    public Forecast forecast(double[] history, int horizon, double level) {
        requireHistory(history);
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be within (0, 1)");
        }
        Parameters parameters = fit(history);
        State state = run(history, parameters);
        double sigma = Math.sqrt(state.sse / state.errors);
        double z = new NormalDistribution().inverseCumulativeProbability(0.5 + level / 2);
        double alpha = parameters.alpha();
        double trendGain = alpha * parameters.beta();
        List<ForecastPoint> points = new ArrayList<>(horizon);
        double sumOfSquaredGains = 0;
        for (int h = 1; h <= horizon; h++) {
            if (h > 1) {
                int j = h - 1;
                double gain = alpha + trendGain * j + (j % period == 0 ? parameters.gamma() : 0);
                sumOfSquaredGains += gain * gain;
            }
            double point = state.level + h * state.trend + state.season[(history.length - 1 + h) % period];
            double halfWidth = z * sigma * Math.sqrt(1 + sumOfSquaredGains);
            points.add(new ForecastPoint(h, point, point - halfWidth, point + halfWidth));
        }
        return new Forecast(parameters, level, sigma, points);
    }

    /** The parameters with the least one-step SSE; several starts, because the SSE surface has shallow valleys. */
    public Parameters fit(double[] history) {
        requireHistory(history);
        MultivariateFunction sse = point -> run(history, new Parameters(point[0], point[1], point[2])).sse;
        PointValuePair best = null;
        for (double[] start : STARTS) {
            PointValuePair candidate = minimise(sse, start);
            if (best == null || candidate.getValue() < best.getValue()) {
                best = candidate;
            }
        }
        double[] point = best.getPoint();
        return new Parameters(point[0], point[1], point[2]);
    }

    /**
     * BOBYQA respects the bounds natively, but on flat or degenerate SSE surfaces (near-constant or very noisy
     * series) its trust-region step can fail; Nelder-Mead on the clamped parameters then finishes the job.
     */
    private static PointValuePair minimise(MultivariateFunction sse, double[] start) {
        try {
            return new BOBYQAOptimizer(7, 0.2, 1e-7).optimize(
                    new MaxEval(5_000), new ObjectiveFunction(sse), GoalType.MINIMIZE, new InitialGuess(start),
                    new SimpleBounds(new double[] {LOWER, LOWER, LOWER}, new double[] {UPPER, UPPER, UPPER}));
        } catch (MathIllegalStateException e) {
            MultivariateFunction clamped = point -> sse.value(clamp(point));
            PointValuePair found = new SimplexOptimizer(1e-10, 1e-12).optimize(
                    new MaxEval(5_000), new ObjectiveFunction(clamped), GoalType.MINIMIZE, new InitialGuess(start),
                    new NelderMeadSimplex(3, 0.1));
            double[] point = clamp(found.getPoint());
            return new PointValuePair(point, sse.value(point));
        }
    }

    private static double[] clamp(double[] point) {
        double[] inside = new double[point.length];
        for (int i = 0; i < point.length; i++) {
            inside[i] = Math.max(LOWER, Math.min(UPPER, point[i]));
        }
        return inside;
    }

    private void requireHistory(double[] history) {
        if (history.length < minimumHistory()) {
            throw new InsufficientHistory(minimumHistory(), history.length);
        }
        for (double value : history) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("history must be finite numbers");
            }
        }
    }

    /**
     * Initial state from the first two seasons (level and trend from their means, season as the detrended
     * deviations of the first), then one-step filtering from the start of the second season.
     */
    private State run(double[] y, Parameters parameters) {
        double firstMean = mean(y, 0, period);
        double secondMean = mean(y, period, 2 * period);
        double trend = (secondMean - firstMean) / period;
        double[] season = new double[period];
        for (int i = 0; i < period; i++) {
            season[i] = y[i] - (firstMean + trend * (i - (period - 1) / 2.0));
        }
        double level = firstMean + trend * (period - 1) / 2.0;
        double sse = 0;
        for (int t = period; t < y.length; t++) {
            int s = t % period;
            double error = y[t] - (level + trend + season[s]);
            sse += error * error;
            level = level + trend + parameters.alpha() * error;
            trend = trend + parameters.alpha() * parameters.beta() * error;
            season[s] = season[s] + parameters.gamma() * error;
        }
        return new State(level, trend, season, sse, y.length - period);
    }

    private static double mean(double[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += y[i];
        }
        return sum / (to - from);
    }

    private record State(double level, double trend, double[] season, double sse, int errors) {
    }
}
