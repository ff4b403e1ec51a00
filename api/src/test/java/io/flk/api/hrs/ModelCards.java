package io.flk.api.hrs;

import io.flk.domain.hrs.CandidateResult;
import io.flk.domain.hrs.HrsModelQueries.HrsModelVersionView;
import io.flk.domain.hrs.ModelMetrics;
import io.flk.domain.hrs.ModelMetrics.CurvePoint;
import io.flk.domain.hrs.ModelMetrics.ReliabilityBin;
import io.flk.domain.hrs.RegisteredModel;
import io.flk.domain.hrs.RoutingRole;
import io.flk.domain.hrs.TrainingId;
import java.time.Instant;
import java.util.List;

/** A registered version as the read side shows it, with curves small enough to count. */
final class ModelCards {

    static final Instant REGISTERED_AT = Instant.parse("2026-11-27T10:00:00Z");

    private ModelCards() {
    }

    /** 5 ROC points, 4 precision-recall points, 3 reliability bins of which one is empty. */
    static HrsModelVersionView version(String registeredBy, double rocAuc, double ece) {
        ModelMetrics metrics = new ModelMetrics(rocAuc, 0.7049, 0.0811, ece, 400, 60,
                List.of(new CurvePoint(0, 0), new CurvePoint(0.05, 0.5), new CurvePoint(0.1, 0.75),
                        new CurvePoint(0.3, 0.9), new CurvePoint(1, 1)),
                List.of(new CurvePoint(0, 1), new CurvePoint(0.5, 0.8), new CurvePoint(0.9, 0.4),
                        new CurvePoint(1, 0.15)),
                List.of(new ReliabilityBin(0, 0.2, 300, 0.06, 0.05), new ReliabilityBin(0.2, 0.6, 0, 0, 0),
                        new ReliabilityBin(0.6, 1, 100, 0.72, 0.45)));
        RegisteredModel model = new RegisteredModel("2026-11-27.1",
                TrainingId.of("tr-00000000-0000-0000-0000-000000000001"), "tribuo-logistic-regression", "platt",
                "a".repeat(64), "c2lnbmF0dXJl", "b".repeat(64), List.of("logprobMean", "temperature"),
                Instant.parse("2026-10-28T00:00:00Z"), Instant.parse("2026-11-27T00:00:00Z"), 42, 1400, 300, 400,
                "d".repeat(64), List.of(
                        new CandidateResult("logistic-regression", "tribuo-logistic-regression", 0.9043, true),
                        new CandidateResult("gradient-boosted-trees", "tribuo-random-forest", 0.8871, false)),
                metrics);
        return new HrsModelVersionView("acme", model, registeredBy, REGISTERED_AT, RoutingRole.CHAMPION, null);
    }
}
