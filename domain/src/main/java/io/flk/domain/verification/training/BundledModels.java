package io.flk.domain.verification.training;

import io.flk.domain.verification.strategy.MicroVoteModel;
import java.time.Duration;
import java.util.List;

/**
 * The default models, trained offline from the bundled HaluEval QA pairs at application start: micro-vote on
 * the train split, HRS on the train split with its Platt scaling on the calibration split. The evaluation
 * split is never seen.
 *
 * @param trainingTime wall-clock time of parsing and training, for the start-up log and the benchmark report
 */
public record BundledModels(MicroVoteModel microVote, CalibratedLogisticHrs hrs, Duration trainingTime) {

    public static final long DEFAULT_SEED = 42;

    public static BundledModels train() {
        return train(DEFAULT_SEED);
    }

    public static BundledModels train(long seed) {
        long started = System.nanoTime();
        List<LabelledAnswer> answers = HaluEvalQa.bundled();
        List<LabelledAnswer> training = HaluEvalQa.split(answers, DatasetSplit.TRAIN);
        List<LabelledAnswer> calibration = HaluEvalQa.split(answers, DatasetSplit.CALIBRATION);
        MicroVoteModel microVote = MicroVoteTrainer.train(training, seed);
        CalibratedLogisticHrs hrs = CalibratedLogisticHrs.train(training, calibration, seed);
        return new BundledModels(microVote, hrs, Duration.ofNanos(System.nanoTime() - started));
    }
}
