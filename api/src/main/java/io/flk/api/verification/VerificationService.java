package io.flk.api.verification;

import io.flk.api.budget.BudgetGate;
import io.flk.api.hrs.HrsMetrics;
import io.flk.api.hrs.HrsRouter;
import io.flk.domain.budget.HardCapBehaviour;
import io.flk.domain.verification.AnswerFeatures;
import io.flk.domain.verification.ControlGroup;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.EnsembleVote;
import io.flk.domain.verification.PolicyCanary;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.EnsembleDisagreed;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.TaskRef;
import io.flk.domain.verification.VerificationInput;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The verification loop of DESIGN.md section 3: live policy, control-group assignment, strategies in
 * parallel, weighted N-of-M vote, and the durable record — returned only once it is committed. A tenant
 * whose budget hard cap is in force is refused, or has every task escalated without running (and paying
 * for) the strategies, as its budget says. While a rollout routes a candidate policy, the candidate's
 * treatment rules decide its share of the treatment tasks, recorded under the candidate's version; the
 * control group stays on the live baseline.
 */
public class VerificationService {

    private final PolicyCache policies;
    private final HrsRouter hrs;
    private final HrsMetrics hrsMetrics;
    private final BudgetGate budgets;
    private final StrategyRunner runner;
    private final DecisionRecorder recorder;
    private final VerificationMetrics metrics;
    private final Clock clock;
    private final long recordTimeoutNanos;

    public VerificationService(PolicyCache policies, HrsRouter hrs, HrsMetrics hrsMetrics, BudgetGate budgets,
                               StrategyRunner runner, DecisionRecorder recorder, VerificationMetrics metrics,
                               Clock clock, Duration recordTimeout) {
        this.policies = policies;
        this.hrs = hrs;
        this.hrsMetrics = hrsMetrics;
        this.budgets = budgets;
        this.runner = runner;
        this.recorder = recorder;
        this.metrics = metrics;
        this.clock = clock;
        this.recordTimeoutNanos = recordTimeout.toNanos();
    }

    /**
     * @param arrivedNanos {@link System#nanoTime()} when the request arrived, so the recorded latency covers
     *                     everything the data plane waits for except the final commit
     * @throws DecisionNotRecorded  when the event store did not confirm the record in time
     * @throws BudgetHardCapReached when the tenant's hard cap is in force and its behaviour is to refuse
     */
    public RecordedDecision verify(VerificationInput input, String llmModel, double llmCostUsd, long arrivedNanos) {
        LivePolicy live = policies.current(input.tenantId());
        boolean control = ControlGroup.isControl(input.tenantId(), input.taskId(), live.policy().controlShare());
        PolicyCanary canary = live.canary();
        boolean byCandidate = !control && canary != null && canary.decides(input.tenantId(), input.taskId());
        long policyVersion = byCandidate ? canary.candidateVersion() : live.policyVersion();
        Optional<HardCapBehaviour> hardCap = budgets.hardCapFor(input.tenantId());
        if (hardCap.isPresent() && hardCap.get() == HardCapBehaviour.REJECT_429) {
            throw new BudgetHardCapReached(input.tenantId());
        }
        TaskRef task = TaskRef.of(input.tenantId(), input.taskId());
        Map<String, Double> features = AnswerFeatures.extract(input);
        TaskVerified verified;
        EnsembleDisagreed disagreement = null;
        if (hardCap.isPresent()) {
            verified = new TaskVerified(input.tenantId(), input.taskId(), llmModel, policyVersion, control,
                    Decision.ESCALATED, null, List.of(), Map.of(), features, llmCostUsd, 0,
                    task.escalationId(), micros(arrivedNanos), clock.instant(), hardCap.get(), Map.of());
        } else {
            EnsembleRules rules = byCandidate ? canary.candidate().treatment() : live.policy().rulesFor(control);
            hrs.prepare(input.tenantId());
            List<StrategyVerdict> verdicts = runner.run(input, settingsToRun(live, rules));
            EnsembleVote vote = EnsembleVote.of(rules, verdicts);
            Map<String, Double> shadowRisks = hrs.shadowRisks(input.tenantId(), features);
            verified = new TaskVerified(input.tenantId(), input.taskId(), llmModel, policyVersion, control,
                    vote.decision(), vote.risk(), verdicts, modelVersions(verdicts), features,
                    llmCostUsd, verdicts.stream().mapToDouble(StrategyVerdict::costUsd).sum(),
                    vote.decision() == Decision.ESCALATED ? task.escalationId() : null, micros(arrivedNanos),
                    clock.instant(), null, shadowRisks);
            if (vote.disagreement()) {
                disagreement = new EnsembleDisagreed(input.tenantId(), input.taskId(), policyVersion, control,
                        vote.decision(), vote.groundedBy(), vote.hallucinatedBy(), verified.verifiedAt());
            }
        }
        RecordedDecision recorded = awaitRecord(verified, disagreement, arrivedNanos);
        if (!recorded.replayed()) {
            metrics.verified(recorded.task(), System.nanoTime() - arrivedNanos);
            metrics.disagreements(input.tenantId().value(), disagreement != null);
            countHrsScores(verified);
        }
        return recorded;
    }

    private void countHrsScores(TaskVerified verified) {
        String deciding = verified.modelVersions().get(StrategyName.HRS.id());
        if (deciding != null) {
            hrsMetrics.scored(verified.tenantId(), deciding, "deciding");
        }
        verified.hrsShadowRisks().keySet().forEach(shadow -> hrsMetrics.scored(verified.tenantId(), shadow, "shadow"));
    }

    private static long micros(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000;
    }

    private RecordedDecision awaitRecord(TaskVerified verified, EnsembleDisagreed disagreement, long arrivedNanos) {
        try {
            return recorder.record(verified, disagreement)
                    .get(Math.max(0, arrivedNanos + recordTimeoutNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            throw new DecisionNotRecorded("the event store did not confirm the record in time; it may still commit",
                    slow);
        } catch (ExecutionException failed) {
            throw new DecisionNotRecorded("the event store refused the record", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new DecisionNotRecorded("interrupted while recording", interrupted);
        }
    }

    /**
     * Every strategy of any rule set in play (live treatment and baseline, and a canary's treatment) runs, so
     * every arm records the same scores; the applied rules' settings (threshold, timeout, failure mode) win for
     * the strategies they contain, and a strategy only the canary names keeps the canary's settings.
     */
    private static Map<StrategyName, StrategySettings> settingsToRun(LivePolicy live, EnsembleRules applied) {
        Map<StrategyName, StrategySettings> settings = new EnumMap<>(StrategyName.class);
        settings.putAll(live.policy().treatment().strategies());
        settings.putAll(live.policy().baseline().strategies());
        if (live.canary() != null) {
            live.canary().candidate().treatment().strategies().forEach(settings::putIfAbsent);
        }
        settings.putAll(applied.strategies());
        return settings;
    }

    private static Map<String, String> modelVersions(List<StrategyVerdict> verdicts) {
        Map<String, String> versions = new TreeMap<>();
        verdicts.stream().filter(verdict -> verdict.modelVersion() != null)
                .forEach(verdict -> versions.put(verdict.strategy().id(), verdict.modelVersion()));
        return versions;
    }
}
