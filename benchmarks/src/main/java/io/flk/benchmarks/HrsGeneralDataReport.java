package io.flk.benchmarks;

import io.flk.benchmarks.support.BenchmarkReport;
import io.flk.benchmarks.support.QuietMachine;
import io.flk.domain.hrs.CandidateResult;
import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.hrs.ModelMetrics;
import io.flk.domain.hrs.TrainingRow;
import io.flk.domain.hrs.training.HaluEvalGeneral;
import io.flk.domain.hrs.training.HrsTrainer;
import io.flk.domain.hrs.training.HrsTrainingOutcome;
import io.flk.domain.hrs.training.HrsTrainingSpec;
import io.flk.domain.verification.AnswerFeatures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HRS candidates on HaluEval general (ChatGPT answers judged by humans, no sources): held-out metrics of
 * each candidate and of the full pipeline, against a logistic regression on answer length alone trained and
 * measured by the same pipeline on the same split in the same run.
 */
public final class HrsGeneralDataReport {

    private static final long SEED = 42;

    private HrsGeneralDataReport() {
    }

    private record Trained(String name, HrsTrainingOutcome outcome, long millis) {
    }

    public static void main(String[] args) throws InterruptedException {
        String load = QuietMachine.await(Duration.ofMinutes(3));
        BenchmarkReport report = new BenchmarkReport("HRS candidates on HaluEval general, vs answer length alone");
        List<TrainingRow> rows = HaluEvalGeneral.rows();
        long hallucinated = rows.stream().filter(TrainingRow::hallucinated).count();

        List<Trained> trained = new ArrayList<>();
        trained.add(train("baseline: logistic on answer length alone", rows, List.of(AnswerFeatures.ANSWER_TOKENS_LOG),
                List.of(HrsCandidate.LOGISTIC_REGRESSION)));
        trained.add(train("logistic-regression", rows, null, List.of(HrsCandidate.LOGISTIC_REGRESSION)));
        trained.add(train("gradient-boosted-trees", rows, null, List.of(HrsCandidate.GRADIENT_BOOSTED_TREES)));
        trained.add(train("full pipeline (both; best validation AUC)", rows, null,
                List.of(HrsCandidate.LOGISTIC_REGRESSION, HrsCandidate.GRADIENT_BOOSTED_TREES)));
        HrsTrainingOutcome full = trained.get(trained.size() - 1).outcome();

        report.paragraph("""
                Data: the bundled HaluEval general set (`domain/src/main/resources/halueval/general_data.jsonl`,
                MIT): %,d ChatGPT responses to user queries, %,d judged hallucinated by annotators. No source
                texts exist, so of `AnswerFeatures` only the answer and prompt features carry signal (%d features
                in the schema, %d of them constant over the rows). Split 60/20/20 by SHA-256 of seed %d and
                task id: %d training, %d validation, %d test rows (%d hallucinated in test, so a PR AUC of %.3f is
                chance). Every row below is the same `HrsTrainer` pipeline (candidate fit, calibration chosen by
                cross-fitted Brier, metrics on the test split); the baseline restricts the schema to
                `answer.tokens_log`. Load average (1 min): %s.
                """.formatted(rows.size(), hallucinated, full.featureSchema().size(),
                constantFeatures(rows, full.featureSchema()), SEED, full.trainingRows(),
                full.validationRows(), full.testRows(), full.metrics().positives(),
                (double) full.metrics().positives() / full.metrics().rows(), load));
        double baselineAuc = trained.get(0).outcome().metrics().rocAuc();
        List<List<String>> table = new ArrayList<>();
        for (Trained run : trained) {
            HrsTrainingOutcome outcome = run.outcome();
            ModelMetrics metrics = outcome.metrics();
            table.add(List.of(run.name(), outcome.algorithm(), outcome.calibration(),
                    fmt(chosenValidationAuc(outcome), 3), fmt(metrics.rocAuc(), 3),
                    String.format(Locale.ROOT, "%.2fx", metrics.rocAuc() / baselineAuc), fmt(metrics.prAuc(), 3),
                    fmt(metrics.brier(), 4), fmt(metrics.ece(), 4), Long.toString(run.millis())));
        }
        report.table(List.of("Model", "Algorithm", "Calibration", "Validation AUC", "Test ROC AUC",
                "AUC / baseline", "Test PR AUC", "Brier", "ECE", "Training ms"), table);
        report.paragraph("""
                Reading: with no sources to check against, the features see only the shape of an answer (length,
                sentences, numbers, entities, stop-word share) and of the prompt, which separates HaluEval
                general's hallucinated answers from the others only weakly; the figures are honest, not a
                target. A deployment trains on its own tasks, whose features include source overlap.
                """);
        report.publish();
    }

    private static Trained train(String name, List<TrainingRow> rows, List<String> features,
                                 List<HrsCandidate> candidates) {
        long started = System.nanoTime();
        HrsTrainingOutcome outcome = HrsTrainer.train(new HrsTrainingSpec(rows, features, SEED, candidates),
                (stage, step, steps, detail) -> System.out.println(name + " / " + stage + ": " + detail));
        return new Trained(name, outcome, (System.nanoTime() - started) / 1_000_000);
    }

    private static long constantFeatures(List<TrainingRow> rows, List<String> schema) {
        return schema.stream().filter(name -> rows.stream()
                .map(row -> row.features().getOrDefault(name, 0.0)).distinct().count() == 1).count();
    }

    private static double chosenValidationAuc(HrsTrainingOutcome outcome) {
        return outcome.candidates().stream().filter(CandidateResult::chosen).findFirst()
                .map(CandidateResult::validationAuc).orElseThrow();
    }

    private static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
