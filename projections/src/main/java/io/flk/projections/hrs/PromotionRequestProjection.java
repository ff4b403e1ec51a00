package io.flk.projections.hrs;

import static io.flk.db.Tables.HRS_PROMOTION_REQUEST;

import io.flk.db.tables.records.HrsPromotionRequestRecord;
import io.flk.domain.hrs.HrsModelEvent.PromotionApproved;
import io.flk.domain.hrs.HrsModelEvent.PromotionExpired;
import io.flk.domain.hrs.HrsModelEvent.PromotionRejected;
import io.flk.domain.hrs.HrsModelEvent.PromotionRequested;
import io.flk.domain.hrs.HrsModelQueries.FetchPromotionRequests;
import io.flk.domain.hrs.HrsModelQueries.PromotionRequestList;
import io.flk.domain.hrs.HrsModelQueries.PromotionRequestView;
import io.flk.domain.hrs.HrsModelQueries.PromotionStatus;
import io.flk.domain.hrs.PromotionRequestId;
import io.flk.domain.hrs.RoutingRole;
import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** HRS promotion requests of each tenant and how a second principal (or the clock) decided them. */
@Component
@ProcessingGroup(PromotionRequestProjection.GROUP)
public class PromotionRequestProjection {

    public static final String GROUP = "hrs-promotions";

    private final DSLContext dsl;

    public PromotionRequestProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(PromotionRequested event) {
        dsl.insertInto(HRS_PROMOTION_REQUEST)
                .set(HRS_PROMOTION_REQUEST.REQUEST_ID, event.requestId().value())
                .set(HRS_PROMOTION_REQUEST.TENANT_ID, event.tenantId().value())
                .set(HRS_PROMOTION_REQUEST.MODEL_VERSION, event.modelVersion())
                .set(HRS_PROMOTION_REQUEST.TARGET, event.target().name())
                .set(HRS_PROMOTION_REQUEST.CHALLENGER_SHARE, event.challengerShare())
                .set(HRS_PROMOTION_REQUEST.STATUS, PromotionStatus.PENDING.name())
                .set(HRS_PROMOTION_REQUEST.REQUESTED_BY, event.requestedBy())
                .set(HRS_PROMOTION_REQUEST.REASON, event.reason())
                .set(HRS_PROMOTION_REQUEST.REQUESTED_AT, event.at().atOffset(ZoneOffset.UTC))
                .set(HRS_PROMOTION_REQUEST.EXPIRES_AT, event.expiresAt().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(PromotionApproved event) {
        decide(event.tenantId(), event.requestId(), PromotionStatus.APPROVED, event.approvedBy(), event.reason(),
                event.at());
    }

    @EventHandler
    void on(PromotionRejected event) {
        decide(event.tenantId(), event.requestId(), PromotionStatus.REJECTED, event.rejectedBy(), event.reason(),
                event.at());
    }

    /** Nobody decided: the request ran out of time, so it has a decision time but no decider or reason. */
    @EventHandler
    void on(PromotionExpired event) {
        decide(event.tenantId(), event.requestId(), PromotionStatus.EXPIRED, null, null, event.expiredAt());
    }

    @QueryHandler
    public PromotionRequestList handle(FetchPromotionRequests query) {
        return new PromotionRequestList(dsl.selectFrom(HRS_PROMOTION_REQUEST)
                .where(HRS_PROMOTION_REQUEST.TENANT_ID.eq(query.tenantId().value()))
                .orderBy(HRS_PROMOTION_REQUEST.REQUESTED_AT.desc(), HRS_PROMOTION_REQUEST.REQUEST_ID.desc())
                .fetch(PromotionRequestProjection::toView));
    }

    @ResetHandler
    void reset() {
        dsl.truncate(HRS_PROMOTION_REQUEST).execute();
    }

    /** A request is decided once; a redelivered decision finds it decided and changes nothing. */
    private void decide(TenantId tenantId, PromotionRequestId requestId, PromotionStatus status, String decidedBy,
                        String reason, Instant at) {
        dsl.update(HRS_PROMOTION_REQUEST)
                .set(HRS_PROMOTION_REQUEST.STATUS, status.name())
                .set(HRS_PROMOTION_REQUEST.DECIDED_BY, decidedBy)
                .set(HRS_PROMOTION_REQUEST.DECISION_REASON, reason)
                .set(HRS_PROMOTION_REQUEST.DECIDED_AT, at.atOffset(ZoneOffset.UTC))
                .where(HRS_PROMOTION_REQUEST.REQUEST_ID.eq(requestId.value())
                        .and(HRS_PROMOTION_REQUEST.TENANT_ID.eq(tenantId.value()))
                        .and(HRS_PROMOTION_REQUEST.STATUS.eq(PromotionStatus.PENDING.name())))
                .execute();
    }

    private static PromotionRequestView toView(HrsPromotionRequestRecord row) {
        return new PromotionRequestView(row.getRequestId(), row.getTenantId(), row.getModelVersion(),
                RoutingRole.valueOf(row.getTarget()), row.getChallengerShare(),
                PromotionStatus.valueOf(row.getStatus()), row.getRequestedBy(), row.getReason(),
                row.getRequestedAt().toInstant(), row.getExpiresAt().toInstant(), row.getDecidedBy(),
                row.getDecisionReason(), row.getDecidedAt() == null ? null : row.getDecidedAt().toInstant());
    }
}
