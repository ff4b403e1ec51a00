package io.flk.benchmarks;

import io.flk.benchmarks.support.BenchmarkReport;
import io.flk.benchmarks.support.MicrosPercentiles;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.AnswerFeatures;
import io.flk.domain.verification.SourcePassage;
import io.flk.domain.verification.TokenizedText;
import io.flk.domain.verification.VerificationInput;
import io.flk.domain.verification.strategy.HrsStrategy;
import io.flk.domain.verification.strategy.MicroVoteStrategy;
import io.flk.domain.verification.strategy.RagGroundingStrategy;
import io.flk.domain.verification.strategy.SingleModelRegistry;
import io.flk.domain.verification.training.BundledModels;
import io.flk.domain.verification.training.HaluEvalQa;
import io.flk.domain.verification.training.LabelledAnswer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * In-process latency of each strategy and of feature extraction, one thread, over the 1000 HaluEval answers
 * after a warm-up; the baseline, measured in the same run, is tokenising the answer alone (the least any
 * strategy must do). A second part runs the same operations on a synthetic task at the API's limits
 * (1 MiB body: a 512 KiB answer and 100 sources of 5 KiB) to show how the cost grows with size.
 */
public final class StrategyLatencyBenchmark {

    private static final int WARM_UP_ROUNDS = 30;
    private static final int MEASURED_ROUNDS = 30;
    private static final int LARGE_WARM_UP = 5;
    private static final int LARGE_MEASURED = 30;
    private static final double TARGET_P99_MICROS = 1000;

    /** Keeps the JIT from removing the measured work. */
    private static double sink;

    private record Operation(String name, ToDoubleFunction<VerificationInput> run) {
    }

    private StrategyLatencyBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkReport report = new BenchmarkReport("Strategy latency in process (HaluEval inputs), vs tokenising the answer");
        BundledModels models = BundledModels.train(BundledModels.DEFAULT_SEED);
        RagGroundingStrategy rag = new RagGroundingStrategy();
        MicroVoteStrategy microVote = new MicroVoteStrategy(models.microVote());
        HrsStrategy hrs = new HrsStrategy(new SingleModelRegistry(models.hrs()));
        List<Operation> operations = List.of(
                new Operation("baseline: tokenise the answer", input -> TokenizedText.of(input.answer()).size()),
                new Operation("AnswerFeatures.extract", input -> AnswerFeatures.extract(input).size()),
                new Operation("rag-grounding", input -> rag.evaluate(input).score()),
                new Operation("micro-vote", input -> microVote.evaluate(input).score()),
                new Operation("hrs", input -> hrs.evaluate(input).score()));

        List<VerificationInput> inputs = HaluEvalQa.bundled().stream().map(LabelledAnswer::input).toList();
        Map<String, MicrosPercentiles> small = measure(operations, inputs, WARM_UP_ROUNDS, MEASURED_ROUNDS);
        Map<String, MicrosPercentiles> large = measure(operations, List.of(largeInput()), LARGE_WARM_UP, LARGE_MEASURED);

        report.paragraph("""
                One thread calls each operation on every one of the 1000 HaluEval answers (each with its question
                and knowledge passages), %d rounds of warm-up then %d measured rounds, timing every call with
                System.nanoTime. Strategies are the shipped defaults (rag-grounding k=3; micro-vote forest and HRS
                logistic model trained by `BundledModels` at seed %d in %d ms). Each model strategy extracts the
                features itself, as the hot path runs the strategies in parallel. The baseline is tokenising the
                answer alone. Other engineers' builds may share the 2 cores: see the load average.
                """.formatted(WARM_UP_ROUNDS, MEASURED_ROUNDS, BundledModels.DEFAULT_SEED,
                models.trainingTime().toMillis()));
        report.table(header(), rows(small, "baseline: tokenise the answer"));
        report.paragraph("""
                At the API's limits: one synthetic task of a 512 KiB answer (≈ 90,000 tokens in ≈ 7,300 sentences)
                and 100 sources of 5 KiB, %d warm-up and %d measured calls. The target applies to ordinary
                answers; this shows the linear growth that the policy's timeout must cover.
                """.formatted(LARGE_WARM_UP, LARGE_MEASURED));
        report.table(header(), rows(large, "baseline: tokenise the answer"));
        List<String> verdicts = new ArrayList<>();
        small.forEach((name, figures) -> {
            if (!name.startsWith("baseline")) {
                verdicts.add(name + ": p99 " + fmt(figures.at(0.99)) + " µs = **"
                        + String.format(Locale.ROOT, "%.1fx", figures.at(0.99) / small.get(operations.get(0).name()).at(0.99))
                        + "** the baseline; target p99 <= 1 ms: **"
                        + (figures.at(0.99) <= TARGET_P99_MICROS ? "met" : "NOT met") + "**");
            }
        });
        report.bullets(verdicts);
        report.publish();
    }

    private static Map<String, MicrosPercentiles> measure(List<Operation> operations, List<VerificationInput> inputs,
                                                    int warmUpRounds, int measuredRounds) {
        for (int round = 0; round < warmUpRounds; round++) {
            for (Operation operation : operations) {
                inputs.forEach(input -> sink += operation.run().applyAsDouble(input));
            }
        }
        Map<String, MicrosPercentiles> results = new LinkedHashMap<>();
        for (Operation operation : operations) {
            long[] nanos = new long[inputs.size() * measuredRounds];
            int sample = 0;
            for (int round = 0; round < measuredRounds; round++) {
                for (VerificationInput input : inputs) {
                    long started = System.nanoTime();
                    sink += operation.run().applyAsDouble(input);
                    nanos[sample++] = System.nanoTime() - started;
                }
            }
            results.put(operation.name(), MicrosPercentiles.of(nanos));
        }
        return results;
    }

    private static VerificationInput largeInput() {
        String sentence = "The committee approved 42 new bridges in Lisbon after the long review was not delayed. ";
        String answer = sentence.repeat(512 * 1024 / sentence.length());
        List<SourcePassage> sources = new ArrayList<>();
        String passage = "Engineers in Lisbon reported that 17 bridges were inspected during the spring season. ";
        for (int i = 0; i < 100; i++) {
            sources.add(new SourcePassage("s" + (i + 1), passage.repeat(5 * 1024 / passage.length())));
        }
        return new VerificationInput(TenantId.of("bench"), "large-1", "Which bridges were approved?", answer,
                sources, List.of(), Map.of());
    }

    private static List<String> header() {
        return List.of("Operation", "Calls", "p50 µs", "p99 µs", "p99.9 µs", "max µs", "p99 / baseline p99");
    }

    private static List<List<String>> rows(Map<String, MicrosPercentiles> results, String baseline) {
        List<List<String>> rows = new ArrayList<>();
        double baselineP99 = results.get(baseline).at(0.99);
        results.forEach((name, figures) -> rows.add(List.of(name, Integer.toString(figures.samples()),
                fmt(figures.at(0.50)), fmt(figures.at(0.99)), fmt(figures.at(0.999)), fmt(figures.max()),
                String.format(Locale.ROOT, "%.1fx", figures.at(0.99) / baselineP99))));
        return rows;
    }

    private static String fmt(double micros) {
        return String.format(Locale.ROOT, micros < 100 ? "%.1f" : "%.0f", micros);
    }
}
