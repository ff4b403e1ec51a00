package io.flk.domain.hrs.training;

import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.verification.training.CalibratedLogisticHrs;
import io.flk.domain.verification.training.FeatureScaling;
import io.flk.domain.verification.training.MicroVoteTrainer;
import io.flk.domain.verification.training.TribuoBinary;
import java.util.List;
import java.util.Map;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer.BoosterType;
import org.tribuo.common.xgboost.XGBoostTrainer.LoggingVerbosity;
import org.tribuo.common.xgboost.XGBoostTrainer.TreeMethod;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * Trains one candidate with Tribuo over standardised features and exports it to pure Java. Every random
 * choice takes the seed and XGBoost runs on one thread, so the same rows and seed give the same parameters.
 */
final class CandidateTraining {

    /**
     * A candidate's pure-Java classifier with the scaling it was trained behind, and the Tribuo model it was
     * exported from, against which the export is checked.
     */
    record Fitted(FeatureScaling scaling, HrsClassifier classifier, TribuoBinary tribuo) {

        double rawRisk(Map<String, Double> features) {
            return classifier.rawRisk(scaling.scale(features));
        }
    }

    static final int BOOSTING_ROUNDS = 50;
    static final int BOOSTING_DEPTH = 4;
    static final double BOOSTING_ETA = 0.1;

    private CandidateTraining() {
    }

    /** Refuses, before anything trains, the candidates that this build cannot train. */
    static void requireAvailable(List<HrsCandidate> candidates) {
        if (candidates.contains(HrsCandidate.MLP)) {
            throw new CandidateUnavailable("candidate 'mlp' is not available: Tribuo 4.3 has no multi-layer "
                    + "perceptron of its own and trains one only through its TensorFlow interop, which needs a "
                    + "native TensorFlow that this build does not ship");
        }
    }

    static Fitted train(HrsCandidate candidate, List<String> schema, List<Map<String, Double>> rows,
                        boolean[] hallucinated, long seed) {
        return switch (candidate) {
            case LOGISTIC_REGRESSION -> logistic(schema, rows, hallucinated, seed);
            case GRADIENT_BOOSTED_TREES -> boostedOrForest(schema, rows, hallucinated, seed);
            case MLP -> throw new IllegalStateException("requireAvailable refuses mlp before training");
        };
    }

    /** The same optimiser and settings as the bundled {@link CalibratedLogisticHrs}. */
    static Fitted logistic(List<String> schema, List<Map<String, Double>> rows, boolean[] hallucinated, long seed) {
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
                new AdaGrad(CalibratedLogisticHrs.LEARNING_RATE), CalibratedLogisticHrs.EPOCHS, Integer.MAX_VALUE,
                CalibratedLogisticHrs.MINIBATCH, seed);
        TribuoBinary binary = TribuoBinary.train(trainer, schema, rows, hallucinated);
        return new Fitted(binary.scaling(), TribuoExport.linear(binary), binary);
    }

    /**
     * XGBoost needs its native library; where it does not load (another libc or CPU), a random forest of
     * CART trees stands in and the result names {@code tribuo-random-forest} as its algorithm.
     */
    static Fitted boostedOrForest(List<String> schema, List<Map<String, Double>> rows, boolean[] hallucinated,
                                  long seed) {
        try {
            return boosted(schema, rows, hallucinated, seed);
        } catch (LinkageError nativeLibraryMissing) {
            return forest(schema, rows, hallucinated, seed);
        }
    }

    static Fitted boosted(List<String> schema, List<Map<String, Double>> rows, boolean[] hallucinated, long seed) {
        XGBoostClassificationTrainer trainer = new XGBoostClassificationTrainer(BoosterType.GBTREE, TreeMethod.HIST,
                BOOSTING_ROUNDS, BOOSTING_ETA, 0, BOOSTING_DEPTH, 1, 1, 1, 1, 0, 1, LoggingVerbosity.SILENT, seed);
        TribuoBinary binary = TribuoBinary.train(trainer, schema, rows, hallucinated);
        return new Fitted(binary.scaling(), TribuoExport.boosted(binary), binary);
    }

    /** The micro-vote forest's settings: 50 CART trees of depth 4 over 70 % of the features per split. */
    static Fitted forest(List<String> schema, List<Map<String, Double>> rows, boolean[] hallucinated, long seed) {
        MicroVoteTrainer.Settings settings = MicroVoteTrainer.Settings.defaults();
        RandomForestTrainer<Label> trainer = new RandomForestTrainer<>(
                new CARTClassificationTrainer(settings.maxDepth(), settings.featureFraction(), seed),
                new FullyWeightedVotingCombiner(), settings.trees(), seed);
        TribuoBinary binary = TribuoBinary.train(trainer, schema, rows, hallucinated);
        return new Fitted(binary.scaling(), TribuoExport.forest(binary), binary);
    }
}
