package io.flk.domain.hrs.training;

import io.flk.domain.hrs.CandidateResult;
import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.hrs.ModelMetrics;
import io.flk.domain.hrs.TrainingRow;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.verification.evaluation.RocAuc;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains an HRS version from labelled rows: split, fit every candidate on the training split, keep the one
 * with the best validation ROC AUC, calibrate it on the validation split, measure it on the test split and
 * write it as a canonical artifact. Pure and deterministic: the same rows and seed give the same bytes.
 */
public final class HrsTrainer {

    private HrsTrainer() {
    }

    /**
     * Refuses a spec that cannot train, naming the field: no or repeated candidates, a candidate this build cannot
     * train, rows that are empty, of one class, too few or not finite, a split left with one class under this seed,
     * features the rows do not carry. Cheap next to training, so that a job is refused before anything is recorded.
     */
    public static void check(HrsTrainingSpec spec) {
        List<HrsCandidate> candidates = spec.candidates();
        if (candidates.isEmpty()) {
            throw new InvalidValue("candidates", "name at least one candidate");
        }
        if (new HashSet<>(candidates).size() != candidates.size()) {
            throw new InvalidValue("candidates", "a candidate is named twice");
        }
        CandidateTraining.requireAvailable(candidates);
        HrsTrainingData.validate(spec.rows());
        HrsTrainingData.featureSchema(spec.rows(), spec.features());
        HrsTrainingData.split(spec.rows(), spec.seed());
    }

    public static HrsTrainingOutcome train(HrsTrainingSpec spec, ProgressListener listener) {
        check(spec);
        List<HrsCandidate> candidates = spec.candidates();
        List<String> schema = HrsTrainingData.featureSchema(spec.rows(), spec.features());
        HrsTrainingData.Splits splits = HrsTrainingData.split(spec.rows(), spec.seed());
        int steps = candidates.size() + 3;
        int step = 1;
        listener.progressed("split", step, steps, String.format(Locale.ROOT,
                "%d training, %d validation, %d test rows; %d features", splits.training().size(),
                splits.validation().size(), splits.test().size(), schema.size()));

        List<Map<String, Double>> validationFeatures = HrsTrainingData.features(splits.validation());
        boolean[] validationLabels = HrsTrainingData.labels(splits.validation());
        List<CandidateTraining.Fitted> fitted = new ArrayList<>();
        double[] validationAuc = new double[candidates.size()];
        int best = 0;
        for (int c = 0; c < candidates.size(); c++) {
            CandidateTraining.Fitted candidate = CandidateTraining.train(candidates.get(c), schema,
                    HrsTrainingData.features(splits.training()), HrsTrainingData.labels(splits.training()),
                    spec.seed());
            fitted.add(candidate);
            validationAuc[c] = RocAuc.of(rawRisks(candidate, validationFeatures), validationLabels);
            if (validationAuc[c] > validationAuc[best]) {
                best = c;
            }
            listener.progressed("candidate:" + candidates.get(c).id(), ++step, steps, String.format(Locale.ROOT,
                    "%s validation AUC %.4f", candidate.classifier().algorithm(), validationAuc[c]));
        }
        List<CandidateResult> results = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            results.add(new CandidateResult(candidates.get(c).id(), fitted.get(c).classifier().algorithm(),
                    validationAuc[c], c == best));
        }

        CandidateTraining.Fitted chosen = fitted.get(best);
        CalibrationChoice calibration = CalibrationChoice.choose(rawRisks(chosen, validationFeatures),
                validationLabels);
        listener.progressed("calibration", ++step, steps, String.format(Locale.ROOT,
                "%s; cross-fitted Brier platt %.5f, isotonic %.5f", calibration.calibration().kind(),
                calibration.plattBrier(), calibration.isotonicBrier()));

        HrsArtifact artifact = HrsArtifact.write(chosen.scaling(), chosen.classifier(), calibration.calibration());
        TrainedHrsModel model = HrsArtifact.read(artifact.bytes(), artifact.sha256());
        ModelMetrics metrics = ClassifierMetrics.of(risks(model, splits.test()),
                HrsTrainingData.labels(splits.test()));
        listener.progressed("evaluation", ++step, steps, String.format(Locale.ROOT,
                "%s test AUC %.4f, ECE %.4f, Brier %.5f", artifact.modelVersion(), metrics.rocAuc(), metrics.ece(),
                metrics.brier()));

        return new HrsTrainingOutcome(artifact, model, model.algorithm(), model.calibration(), results, metrics,
                schema, splits.training().size(), splits.validation().size(), splits.test().size(),
                HrsTrainingData.dataDigest(spec.rows()));
    }

    private static double[] rawRisks(CandidateTraining.Fitted candidate, List<Map<String, Double>> rows) {
        double[] risks = new double[rows.size()];
        for (int i = 0; i < risks.length; i++) {
            risks[i] = candidate.rawRisk(rows.get(i));
        }
        return risks;
    }

    private static double[] risks(TrainedHrsModel model, List<TrainingRow> rows) {
        double[] risks = new double[rows.size()];
        for (int i = 0; i < risks.length; i++) {
            risks[i] = model.risk(rows.get(i).features());
        }
        return risks;
    }
}
