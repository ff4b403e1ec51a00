package io.flk.projections.rollout;

import static io.flk.projections.hrs.HrsFixtures.freshTenant;
import static io.flk.projections.hrs.HrsFixtures.objectMapper;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.rollout.ArmStats;
import io.flk.domain.rollout.GateKind;
import io.flk.domain.rollout.GateResult;
import io.flk.domain.rollout.GateVerdict;
import io.flk.domain.rollout.RolloutAction;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutEvent.RolloutAborted;
import io.flk.domain.rollout.RolloutEvent.RolloutApproved;
import io.flk.domain.rollout.RolloutEvent.RolloutCompleted;
import io.flk.domain.rollout.RolloutEvent.RolloutPaused;
import io.flk.domain.rollout.RolloutEvent.RolloutRefused;
import io.flk.domain.rollout.RolloutEvent.RolloutRejected;
import io.flk.domain.rollout.RolloutEvent.RolloutRequested;
import io.flk.domain.rollout.RolloutEvent.RolloutResumed;
import io.flk.domain.rollout.RolloutEvent.RolloutRolledBack;
import io.flk.domain.rollout.RolloutEvent.RolloutShareChanged;
import io.flk.domain.rollout.RolloutEvent.RolloutStarted;
import io.flk.domain.rollout.RolloutEvent.RolloutStepJudged;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutJudgement;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutQueries.FetchRolloutDecisions;
import io.flk.domain.rollout.RolloutQueries.FindRollout;
import io.flk.domain.rollout.RolloutQueries.ListRollouts;
import io.flk.domain.rollout.RolloutQueries.RolloutDecisionView;
import io.flk.domain.rollout.RolloutQueries.RolloutView;
import io.flk.domain.rollout.RolloutRefusal;
import io.flk.domain.rollout.RolloutStatus;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.rollout.RolloutWindow;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.FailureMode;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class RolloutProjectionTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final RolloutComponent MODEL = RolloutComponent.HRS_MODEL;
    private static final RolloutTarget TARGET = RolloutTarget.model("hrs-2", EligibilityGates.defaults());
    private static final RolloutPlan PLAN = RolloutPlan.defaults();

    private final RolloutProjection projection = new RolloutProjection(TestDatabase.get().dsl(), objectMapper());
    private final TenantId tenant = freshTenant();
    private final RolloutId rolloutId = RolloutId.random();

    @Test
    void aRequestedRolloutAwaitsApprovalWithItsTargetAndPlan() {
        requested(rolloutId, AT);

        assertThat(find()).isEqualTo(new RolloutView(tenant.value(), rolloutId.value(), MODEL, TARGET, PLAN,
                RolloutStatus.PENDING_APPROVAL, null, 0, 0, "alice", null, AT, null, null, null, null, null));
    }

    @Test
    void aPolicyRolloutKeepsItsCandidatePolicy() {
        StrategySettings settings = new StrategySettings(1, 0.6, 300, FailureMode.FAIL_CLOSED);
        EnsembleRules rules = new EnsembleRules(Map.of(StrategyName.RAG_GROUNDING, settings,
                StrategyName.HRS, settings), 2, 0.8);
        RolloutTarget policy = RolloutTarget.policy(new EnsemblePolicySpec(rules, rules, 0.1));

        projection.on(new RolloutRequested(tenant, rolloutId, RolloutComponent.ENSEMBLE_POLICY, policy, PLAN,
                "alice", "stricter quorum", AT));

        assertThat(find().target()).isEqualTo(policy);
        assertThat(find().component()).isEqualTo(RolloutComponent.ENSEMBLE_POLICY);
    }

    @Test
    void anApprovedRolloutIsStartingWithItsApprover() {
        requested(rolloutId, AT);
        approved();

        assertThat(find()).extracting(RolloutView::status, RolloutView::approvedBy)
                .containsExactly(RolloutStatus.STARTING, "bob");
    }

    @Test
    void aRejectedRolloutEndsByItsRejecter() {
        requested(rolloutId, AT);
        projection.on(new RolloutRejected(tenant, rolloutId, MODEL, "bob", "not this week", AT.plusSeconds(60)));

        assertThat(find()).extracting(RolloutView::status, RolloutView::endedBy, RolloutView::endReason,
                        RolloutView::endedAt, RolloutView::approvedBy)
                .containsExactly(RolloutStatus.REJECTED, "bob", "not this week", AT.plusSeconds(60), null);
    }

    @Test
    void aStartedRolloutRunsItsFirstStepAtTheInitialShare() {
        started();

        assertThat(find()).extracting(RolloutView::status, RolloutView::canaryKey, RolloutView::step,
                        RolloutView::share, RolloutView::startedAt, RolloutView::endedAt)
                .containsExactly(RolloutStatus.RUNNING, "hrs-2", 1, 0.05, AT.plusSeconds(120), null);
    }

    @Test
    void everyJudgedLookIsKeptOnceWithItsNumbersOldestFirst() {
        started();
        RolloutStepJudged hold = judged(1, 1, RolloutAction.HOLD, AT.plusSeconds(150));
        RolloutStepJudged advance = judged(1, 2, RolloutAction.ADVANCE, AT.plusSeconds(180));
        projection.on(hold);
        projection.on(advance);
        projection.on(hold);

        assertThat(projection.handle(new FetchRolloutDecisions(tenant, rolloutId)).decisions()).containsExactly(
                new RolloutDecisionView(1, 1, hold.at(), hold.window(), hold.judgement()),
                new RolloutDecisionView(2, 1, advance.at(), advance.window(), advance.judgement()));
        assertThat(find().lastAction()).isEqualTo(RolloutAction.ADVANCE);
    }

    @Test
    void aShareChangeMovesToItsStep() {
        started();
        projection.on(new RolloutShareChanged(tenant, rolloutId, MODEL, RolloutAction.ADVANCE, 1, 2, 0.05, 0.25,
                "hrs-2", "every gate passed", AT.plusSeconds(180)));

        assertThat(find()).extracting(RolloutView::status, RolloutView::step, RolloutView::share)
                .containsExactly(RolloutStatus.RUNNING, 2, 0.25);
    }

    @Test
    void aPausedRolloutResumesWithAFreshStepAtItsShare() {
        started();
        projection.on(new RolloutPaused(tenant, rolloutId, MODEL, "carol", "incident", AT.plusSeconds(180)));

        assertThat(find().status()).isEqualTo(RolloutStatus.PAUSED);

        projection.on(new RolloutResumed(tenant, rolloutId, MODEL, 2, 0.05, "carol", "resolved",
                AT.plusSeconds(240)));

        assertThat(find()).extracting(RolloutView::status, RolloutView::step, RolloutView::share)
                .containsExactly(RolloutStatus.RUNNING, 2, 0.05);
    }

    @Test
    void aCompletedRolloutCarriesAllTrafficAndWasEndedByTheGates() {
        started();
        projection.on(new RolloutCompleted(tenant, rolloutId, MODEL, TARGET, "hrs-2", 5, AT.plusSeconds(600)));

        assertThat(find()).extracting(RolloutView::status, RolloutView::share, RolloutView::step,
                        RolloutView::endedBy, RolloutView::endedAt, RolloutView::canaryKey)
                .containsExactly(RolloutStatus.COMPLETED, 1.0, 5, "gates", AT.plusSeconds(600), "hrs-2");
    }

    @Test
    void aRolledBackRolloutCarriesNoTrafficAndSaysWhy() {
        started();
        projection.on(new RolloutRolledBack(tenant, rolloutId, MODEL, TARGET, "hrs-2", 3, 0.3, GateKind.LATENCY,
                "latency p95 beyond its bound", AT.plusSeconds(600)));

        assertThat(find()).extracting(RolloutView::status, RolloutView::share, RolloutView::step,
                        RolloutView::endedBy, RolloutView::endReason, RolloutView::endedAt)
                .containsExactly(RolloutStatus.ROLLED_BACK, 0.0, 3, "gates", "latency p95 beyond its bound",
                        AT.plusSeconds(600));
    }

    @Test
    void anAbortedRolloutCarriesNoTrafficAndNamesItsOperator() {
        started();
        projection.on(new RolloutAborted(tenant, rolloutId, MODEL, TARGET, "hrs-2", "carol", "wrong version",
                AT.plusSeconds(300)));

        assertThat(find()).extracting(RolloutView::status, RolloutView::share, RolloutView::endedBy,
                        RolloutView::endReason, RolloutView::endedAt, RolloutView::step)
                .containsExactly(RolloutStatus.ABORTED, 0.0, "carol", "wrong version", AT.plusSeconds(300), 1);
    }

    @Test
    void aRefusalChangesNoRollout() throws Exception {
        requested(rolloutId, AT);
        RolloutView before = find();
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(projection);

        adapter.handle(GenericEventMessage.asEventMessage(new RolloutRefused(tenant, rolloutId, MODEL,
                RolloutRefusal.SELF_APPROVAL, "the requester cannot approve", "alice", AT.plusSeconds(30))));
        adapter.handle(GenericEventMessage.asEventMessage(new RolloutRefused(tenant, RolloutId.random(), MODEL,
                RolloutRefusal.UNKNOWN_ROLLOUT, "no such rollout", "alice", AT.plusSeconds(30))));

        assertThat(find()).isEqualTo(before);
        assertThat(projection.handle(new ListRollouts(tenant))).hasSize(1);
    }

    @Test
    void rolloutsAreListedNewestFirst() {
        RolloutId older = RolloutId.random();
        RolloutId newer = RolloutId.random();
        requested(older, AT);
        requested(newer, AT.plusSeconds(3_600));
        requested(rolloutId, AT.plusSeconds(60));
        requested(newer, AT.plusSeconds(3_600));

        assertThat(projection.handle(new ListRollouts(tenant))).extracting(RolloutView::rolloutId)
                .containsExactly(newer.value(), rolloutId.value(), older.value());
    }

    @Test
    void anotherTenantSeesNoneOfARollout() {
        started();
        projection.on(judged(1, 1, RolloutAction.HOLD, AT.plusSeconds(150)));
        TenantId other = freshTenant();

        assertThat(projection.handle(new FindRollout(other, rolloutId))).isEmpty();
        assertThat(projection.handle(new ListRollouts(other))).isEmpty();
        assertThat(projection.handle(new FetchRolloutDecisions(other, rolloutId)).decisions()).isEmpty();
        assertThat(projection.handle(new FetchRolloutDecisions(tenant, rolloutId)).decisions()).hasSize(1);
    }

    private void requested(RolloutId id, Instant at) {
        projection.on(new RolloutRequested(tenant, id, MODEL, TARGET, PLAN, "alice", "better AUC", at));
    }

    private void approved() {
        projection.on(new RolloutApproved(tenant, rolloutId, MODEL, TARGET, PLAN, "alice", "bob", "looks right",
                AT.plusSeconds(60)));
    }

    private void started() {
        requested(rolloutId, AT);
        approved();
        projection.on(new RolloutStarted(tenant, rolloutId, MODEL, TARGET, "hrs-2", 0.05, AT.plusSeconds(120)));
    }

    /** A look with a latency bound and a gate that had too few samples, so that nulls travel too. */
    private RolloutStepJudged judged(int step, long evaluation, RolloutAction action, Instant at) {
        ArmStats canary = new ArmStats(210, 2, 40, 1, 900.0, 9, 3, 2, 180, 4.2, 0.31, 3.5);
        ArmStats control = new ArmStats(3_900, 20, 700, 4, 850.0, 0, 50, 40, 3_300, 77.0, 5.9, 64.0);
        RolloutWindow window = new RolloutWindow(at.minusSeconds(60), at, at.minusSeconds(30), 1_000_000, 1_020.0,
                canary, control);
        List<GateResult> gates = List.of(
                new GateResult(GateKind.LATENCY, GateVerdict.PASS, 900.0, 850.0, 0.01, -0.02, 0.03, 0.05, 210,
                        3_900, "p95 within 1.2x"),
                new GateResult(GateKind.CONTAINMENT, GateVerdict.NOT_ENOUGH_DATA, null, null, null, null, null, 0.05,
                        3, 50, "3 of 20 labelled hallucinations"));
        RolloutJudgement judgement = new RolloutJudgement(gates, false, action, GateKind.LATENCY, 0.05,
                action == RolloutAction.ADVANCE ? 0.25 : 0.05, "priority rule");
        return new RolloutStepJudged(tenant, rolloutId, MODEL, step, evaluation, window, judgement, at);
    }

    private RolloutView find() {
        return projection.handle(new FindRollout(tenant, rolloutId)).orElseThrow();
    }
}
