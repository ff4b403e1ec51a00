package io.flk.projections.rollout;

import static io.flk.db.Tables.ROLLOUT;
import static io.flk.db.Tables.ROLLOUT_DECISION;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.db.tables.records.RolloutDecisionRecord;
import io.flk.db.tables.records.RolloutRecord;
import io.flk.domain.rollout.RolloutAction;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutEvent;
import io.flk.domain.rollout.RolloutEvent.RolloutAborted;
import io.flk.domain.rollout.RolloutEvent.RolloutApproved;
import io.flk.domain.rollout.RolloutEvent.RolloutCompleted;
import io.flk.domain.rollout.RolloutEvent.RolloutPaused;
import io.flk.domain.rollout.RolloutEvent.RolloutRejected;
import io.flk.domain.rollout.RolloutEvent.RolloutRequested;
import io.flk.domain.rollout.RolloutEvent.RolloutResumed;
import io.flk.domain.rollout.RolloutEvent.RolloutRolledBack;
import io.flk.domain.rollout.RolloutEvent.RolloutShareChanged;
import io.flk.domain.rollout.RolloutEvent.RolloutStarted;
import io.flk.domain.rollout.RolloutEvent.RolloutStepJudged;
import io.flk.domain.rollout.RolloutJudgement;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutQueries.FetchRolloutDecisions;
import io.flk.domain.rollout.RolloutQueries.FindRollout;
import io.flk.domain.rollout.RolloutQueries.ListRollouts;
import io.flk.domain.rollout.RolloutQueries.RolloutDecisionView;
import io.flk.domain.rollout.RolloutQueries.RolloutDecisions;
import io.flk.domain.rollout.RolloutQueries.RolloutView;
import io.flk.domain.rollout.RolloutStatus;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.rollout.RolloutWindow;
import io.flk.projections.hrs.JsonColumn;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.UpdateSetMoreStep;
import org.springframework.stereotype.Component;

/**
 * Every rollout of every tenant from its request to its end, and each judged look at its steps with the numbers
 * and verdicts it used. A lane's events arrive in order (one sequence per lane) and each handler sets what its
 * event says, so redelivered events leave the rows as they were. {@code RolloutRefused} is an audit record only:
 * the rollout it names may not exist, and it changes none.
 */
@Component
@ProcessingGroup(RolloutProjection.GROUP)
public class RolloutProjection {

    public static final String GROUP = "rollouts";

    /** Who ended a rollout that no human ended. */
    private static final String GATES = "gates";

    private final DSLContext dsl;
    private final JsonColumn json;

    public RolloutProjection(DSLContext dsl, ObjectMapper objectMapper) {
        this.dsl = dsl;
        this.json = new JsonColumn(objectMapper);
    }

    @EventHandler
    void on(RolloutRequested event) {
        dsl.insertInto(ROLLOUT)
                .set(ROLLOUT.ROLLOUT_ID, event.rolloutId().value())
                .set(ROLLOUT.TENANT_ID, event.tenantId().value())
                .set(ROLLOUT.COMPONENT, event.component().name())
                .set(ROLLOUT.TARGET, json.write(event.target()))
                .set(ROLLOUT.PLAN, json.write(event.plan()))
                .set(ROLLOUT.STATUS, RolloutStatus.PENDING_APPROVAL.name())
                .set(ROLLOUT.STEP, 0)
                .set(ROLLOUT.SHARE, 0.0)
                .set(ROLLOUT.REQUESTED_BY, event.requestedBy())
                .set(ROLLOUT.REQUESTED_AT, utc(event.at()))
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(RolloutApproved event) {
        status(RolloutStatus.STARTING).set(ROLLOUT.APPROVED_BY, event.approvedBy()).where(rolloutOf(event)).execute();
    }

    @EventHandler
    void on(RolloutRejected event) {
        end(RolloutStatus.REJECTED, event.rejectedBy(), event.reason(), event.at()).where(rolloutOf(event)).execute();
    }

    @EventHandler
    void on(RolloutStarted event) {
        status(RolloutStatus.RUNNING)
                .set(ROLLOUT.CANARY_KEY, event.canaryKey())
                .set(ROLLOUT.SHARE, event.share())
                .set(ROLLOUT.STEP, 1)
                .set(ROLLOUT.STARTED_AT, utc(event.at()))
                .where(rolloutOf(event))
                .execute();
    }

    /** A look already recorded (a redelivery) does not set the last action again. */
    @EventHandler
    void on(RolloutStepJudged event) {
        int recorded = dsl.insertInto(ROLLOUT_DECISION)
                .set(ROLLOUT_DECISION.ROLLOUT_ID, event.rolloutId().value())
                .set(ROLLOUT_DECISION.EVALUATION, event.evaluation())
                .set(ROLLOUT_DECISION.TENANT_ID, event.tenantId().value())
                .set(ROLLOUT_DECISION.STEP, event.step())
                .set(ROLLOUT_DECISION.AT, utc(event.at()))
                .set(ROLLOUT_DECISION.WINDOW_STATS, json.write(event.window()))
                .set(ROLLOUT_DECISION.JUDGEMENT, json.write(event.judgement()))
                .onConflictDoNothing()
                .execute();
        if (recorded > 0) {
            dsl.update(ROLLOUT).set(ROLLOUT.LAST_ACTION, event.judgement().action().name())
                    .where(rolloutOf(event))
                    .execute();
        }
    }

    @EventHandler
    void on(RolloutShareChanged event) {
        dsl.update(ROLLOUT)
                .set(ROLLOUT.SHARE, event.toShare())
                .set(ROLLOUT.STEP, event.toStep())
                .where(rolloutOf(event))
                .execute();
    }

    @EventHandler
    void on(RolloutPaused event) {
        status(RolloutStatus.PAUSED).where(rolloutOf(event)).execute();
    }

    @EventHandler
    void on(RolloutResumed event) {
        status(RolloutStatus.RUNNING)
                .set(ROLLOUT.STEP, event.step())
                .set(ROLLOUT.SHARE, event.share())
                .where(rolloutOf(event))
                .execute();
    }

    /** The gates' last advance took the canary to all traffic. */
    @EventHandler
    void on(RolloutCompleted event) {
        end(RolloutStatus.COMPLETED, GATES, null, event.at())
                .set(ROLLOUT.SHARE, 1.0)
                .set(ROLLOUT.STEP, event.steps())
                .where(rolloutOf(event))
                .execute();
    }

    @EventHandler
    void on(RolloutRolledBack event) {
        end(RolloutStatus.ROLLED_BACK, GATES, event.reason(), event.at())
                .set(ROLLOUT.SHARE, 0.0)
                .set(ROLLOUT.STEP, event.step())
                .where(rolloutOf(event))
                .execute();
    }

    @EventHandler
    void on(RolloutAborted event) {
        end(RolloutStatus.ABORTED, event.actor(), event.reason(), event.at())
                .set(ROLLOUT.SHARE, 0.0)
                .where(rolloutOf(event))
                .execute();
    }

    /** Another tenant's rollout is not found, whatever its id. */
    @QueryHandler
    public Optional<RolloutView> handle(FindRollout query) {
        return dsl.selectFrom(ROLLOUT)
                .where(ROLLOUT.ROLLOUT_ID.eq(query.rolloutId().value())
                        .and(ROLLOUT.TENANT_ID.eq(query.tenantId().value())))
                .fetchOptional(this::toView);
    }

    @QueryHandler
    public List<RolloutView> handle(ListRollouts query) {
        return dsl.selectFrom(ROLLOUT)
                .where(ROLLOUT.TENANT_ID.eq(query.tenantId().value()))
                .orderBy(ROLLOUT.REQUESTED_AT.desc(), ROLLOUT.ROLLOUT_ID.desc())
                .fetch(this::toView);
    }

    /** Empty for a rollout that is unknown or another tenant's. */
    @QueryHandler
    public RolloutDecisions handle(FetchRolloutDecisions query) {
        return new RolloutDecisions(query.rolloutId().value(), dsl.selectFrom(ROLLOUT_DECISION)
                .where(ROLLOUT_DECISION.ROLLOUT_ID.eq(query.rolloutId().value())
                        .and(ROLLOUT_DECISION.TENANT_ID.eq(query.tenantId().value())))
                .orderBy(ROLLOUT_DECISION.EVALUATION)
                .fetch(this::toView));
    }

    @ResetHandler
    void reset() {
        dsl.truncate(ROLLOUT, ROLLOUT_DECISION).execute();
    }

    private UpdateSetMoreStep<RolloutRecord> status(RolloutStatus status) {
        return dsl.update(ROLLOUT).set(ROLLOUT.STATUS, status.name());
    }

    private UpdateSetMoreStep<RolloutRecord> end(RolloutStatus status, String endedBy, String reason, Instant at) {
        return status(status)
                .set(ROLLOUT.ENDED_BY, endedBy)
                .set(ROLLOUT.END_REASON, reason)
                .set(ROLLOUT.ENDED_AT, utc(at));
    }

    /** Scoped by tenant as well: a rollout id is only ever looked for within its tenant. */
    private static Condition rolloutOf(RolloutEvent event) {
        return ROLLOUT.ROLLOUT_ID.eq(event.rolloutId().value()).and(ROLLOUT.TENANT_ID.eq(event.tenantId().value()));
    }

    private RolloutView toView(RolloutRecord row) {
        String what = "rollout " + row.getTenantId() + "/" + row.getRolloutId();
        return new RolloutView(row.getTenantId(), row.getRolloutId(), RolloutComponent.valueOf(row.getComponent()),
                json.read(row.getTarget(), RolloutTarget.class, what + " target"),
                json.read(row.getPlan(), RolloutPlan.class, what + " plan"), RolloutStatus.valueOf(row.getStatus()),
                row.getCanaryKey(), row.getStep(), row.getShare(), row.getRequestedBy(), row.getApprovedBy(),
                instant(row.getRequestedAt()), instant(row.getStartedAt()), instant(row.getEndedAt()),
                row.getEndedBy(), row.getEndReason(),
                row.getLastAction() == null ? null : RolloutAction.valueOf(row.getLastAction()));
    }

    private RolloutDecisionView toView(RolloutDecisionRecord row) {
        String what = "rollout decision " + row.getRolloutId() + "#" + row.getEvaluation();
        return new RolloutDecisionView(row.getEvaluation(), row.getStep(), row.getAt().toInstant(),
                json.read(row.getWindowStats(), RolloutWindow.class, what + " window"),
                json.read(row.getJudgement(), RolloutJudgement.class, what + " judgement"));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
