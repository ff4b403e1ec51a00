package io.flk.domain.verification.evaluation;

import io.flk.domain.verification.AnswerFeatures;
import io.flk.domain.verification.CostModel;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.EnsembleVote;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyOutcome;
import io.flk.domain.verification.StrategySettings;
import io.flk.domain.verification.VerificationStrategy;
import io.flk.domain.verification.Vote;
import io.flk.domain.verification.strategy.HrsStrategy;
import io.flk.domain.verification.strategy.MicroVoteStrategy;
import io.flk.domain.verification.strategy.RagGroundingStrategy;
import io.flk.domain.verification.strategy.SingleModelRegistry;
import io.flk.domain.verification.training.BundledModels;
import io.flk.domain.verification.training.DatasetSplit;
import io.flk.domain.verification.training.HaluEvalQa;
import io.flk.domain.verification.training.LabelledAnswer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The strategies and the ensemble on the HaluEval evaluation split: models trained on the train split, the
 * treatment policy tuned on the calibration split ({@link PolicyTuner}), figures measured on the evaluation
 * split only. Positive = hallucinated throughout; ROC AUC ranks by risk (1 - score).
 */
public final class HaluEvalEvaluation {

    private HaluEvalEvaluation() {
    }

    /**
     * @param rocAuc    ranks tasks by 1 - score
     * @param precision of the HALLUCINATED vote at the treatment policy's threshold for this strategy
     * @param recall    share of hallucinations that vote catches
     */
    public record StrategyResult(StrategyName strategy, String modelVersion, double groundedThreshold,
                                 double rocAuc, double precision, double recall, double meanCostUnits) {
    }

    /** @param rocAuc ranks tasks by the policy's weighted risk */
    public record PolicyResult(EnsembleRules rules, double rocAuc, PolicyOutcome outcome) {
    }

    /**
     * @param tunedTreatment        the policy tuned on the calibration split (the one evaluated)
     * @param tunedEqualsDefault    it is {@link DefaultPolicies#treatment()}
     * @param escapedReduction      relative fall of escaped hallucinations, treatment vs baseline
     * @param incrementalCost       relative extra cost, treatment vs baseline
     * @param agreement             share of tasks on which the treatment's three strategies voted unanimously
     * @param answerLengthOnlyAuc   ROC AUC of the answer's token count alone: HaluEval's right answers are short
     *                              spans and its hallucinated ones full sentences, and this says how much of every
     *                              other figure that artefact alone would give
     */
    public record Result(int evaluationItems, int evaluationTasks, int calibrationTasks, List<StrategyResult> strategies,
                         PolicyResult treatment, PolicyResult baseline, EnsembleRules tunedTreatment,
                         boolean tunedEqualsDefault, double escapedReduction, double incrementalCost,
                         double agreement, double answerLengthOnlyAuc) {
    }

    /** Evaluates the bundled models on the bundled file. */
    public static Result run(BundledModels models) {
        return run(models, HaluEvalQa.bundled(), DefaultCosts.costModel(), DefaultCosts.LLM_USD_PER_TASK);
    }

    public static Result run(BundledModels models, List<LabelledAnswer> answers, CostModel costs,
                             double llmUsdPerTask) {
        List<VerificationStrategy> strategies = List.of(new RagGroundingStrategy(),
                new MicroVoteStrategy(models.microVote()), new HrsStrategy(new SingleModelRegistry(models.hrs())));
        List<ScoredTask> calibration = score(HaluEvalQa.split(answers, DatasetSplit.CALIBRATION), strategies);
        List<ScoredTask> evaluation = score(HaluEvalQa.split(answers, DatasetSplit.EVALUATION), strategies);


        EnsembleRules baselineRules = DefaultPolicies.baseline();
        EnsembleRules tuned = PolicyTuner.tune(calibration, baselineRules, costs, llmUsdPerTask,
                DefaultPolicies.MAX_INCREMENTAL_COST);

        PolicyResult treatment = judge(tuned, evaluation, costs, llmUsdPerTask);
        PolicyResult baseline = judge(baselineRules, evaluation, costs, llmUsdPerTask);
        List<StrategyResult> perStrategy = new ArrayList<>();
        for (VerificationStrategy strategy : strategies) {
            perStrategy.add(strategyResult(strategy.name(), tuned.strategies().get(strategy.name()), evaluation));
        }
        List<LabelledAnswer> evaluationAnswers = HaluEvalQa.split(answers, DatasetSplit.EVALUATION);
        long items = evaluationAnswers.stream().map(LabelledAnswer::itemId).distinct().count();
        return new Result((int) items, evaluation.size(), calibration.size(), perStrategy, treatment, baseline,
                tuned, tuned.equals(DefaultPolicies.treatment()),
                treatment.outcome().escapedReductionVersus(baseline.outcome()),
                treatment.outcome().incrementalCostVersus(baseline.outcome()), treatment.outcome().agreement(),
                answerLengthOnlyAuc(evaluationAnswers));
    }

    private static double answerLengthOnlyAuc(List<LabelledAnswer> answers) {
        double[] length = new double[answers.size()];
        boolean[] hallucinated = new boolean[answers.size()];
        for (int i = 0; i < length.length; i++) {
            length[i] = AnswerFeatures.extract(answers.get(i).input()).get(AnswerFeatures.ANSWER_TOKENS_LOG);
            hallucinated[i] = answers.get(i).hallucinated();
        }
        return RocAuc.of(length, hallucinated);
    }

    /** Runs every strategy once per answer. */
    public static List<ScoredTask> score(List<LabelledAnswer> answers, List<VerificationStrategy> strategies) {
        List<ScoredTask> tasks = new ArrayList<>(answers.size());
        for (LabelledAnswer answer : answers) {
            Map<StrategyName, StrategyOutcome> outcomes = new EnumMap<>(StrategyName.class);
            strategies.forEach(strategy -> outcomes.put(strategy.name(), strategy.evaluate(answer.input())));
            tasks.add(new ScoredTask(answer.input().taskId(), answer.hallucinated(), outcomes));
        }
        return tasks;
    }

    private static PolicyResult judge(EnsembleRules rules, List<ScoredTask> tasks, CostModel costs,
                                      double llmUsdPerTask) {
        double[] risk = new double[tasks.size()];
        boolean[] hallucinated = new boolean[tasks.size()];
        for (int i = 0; i < risk.length; i++) {
            EnsembleVote vote = tasks.get(i).vote(rules, costs);
            risk[i] = vote.risk() == null ? 1 : vote.risk();
            hallucinated[i] = tasks.get(i).hallucinated();
        }
        return new PolicyResult(rules, RocAuc.of(risk, hallucinated),
                PolicyOutcome.judge(rules, tasks, costs, llmUsdPerTask));
    }

    private static StrategyResult strategyResult(StrategyName name, StrategySettings settings, List<ScoredTask> tasks) {
        double[] risk = new double[tasks.size()];
        boolean[] hallucinated = new boolean[tasks.size()];
        int flagged = 0;
        int caught = 0;
        int positives = 0;
        double costUnits = 0;
        String modelVersion = null;
        for (int i = 0; i < risk.length; i++) {
            ScoredTask task = tasks.get(i);
            StrategyOutcome outcome = task.outcomes().get(name);
            risk[i] = 1 - outcome.score();
            hallucinated[i] = task.hallucinated();
            boolean flags = outcome.voteAt(settings.groundedThreshold()) == Vote.HALLUCINATED;
            flagged += flags ? 1 : 0;
            caught += flags && task.hallucinated() ? 1 : 0;
            positives += task.hallucinated() ? 1 : 0;
            costUnits += outcome.costUnits();
            modelVersion = outcome.modelVersion();
        }
        return new StrategyResult(name, modelVersion, settings.groundedThreshold(), RocAuc.of(risk, hallucinated),
                flagged == 0 ? 1 : (double) caught / flagged, positives == 0 ? 1 : (double) caught / positives,
                tasks.isEmpty() ? 0 : costUnits / tasks.size());
    }
}
