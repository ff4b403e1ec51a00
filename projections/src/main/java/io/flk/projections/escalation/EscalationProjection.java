package io.flk.projections.escalation;

import static io.flk.db.Tables.ESCALATION;
import static org.jooq.impl.DSL.count;

import io.flk.db.tables.records.EscalationRecord;
import io.flk.domain.escalation.EscalationEvent.EscalationAssigned;
import io.flk.domain.escalation.EscalationEvent.EscalationOpened;
import io.flk.domain.escalation.EscalationEvent.EscalationResolved;
import io.flk.domain.escalation.EscalationEvent.EscalationSlaBreached;
import io.flk.domain.escalation.EscalationQueries.CountOpenEscalationsPerTenant;
import io.flk.domain.escalation.EscalationQueries.EscalationQueue;
import io.flk.domain.escalation.EscalationQueries.EscalationView;
import io.flk.domain.escalation.EscalationQueries.FetchEscalationQueue;
import io.flk.domain.escalation.EscalationQueries.FindEscalation;
import io.flk.domain.escalation.EscalationQueries.OpenEscalationCount;
import io.flk.domain.escalation.EscalationQueries.OpenEscalationCounts;
import io.flk.domain.escalation.EscalationStatus;
import io.flk.domain.escalation.Verdict;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** The review queue: one row per escalation with its age, assignee and SLA state. */
@Component
@ProcessingGroup(EscalationProjection.GROUP)
public class EscalationProjection {

    public static final String GROUP = "escalations";

    private final DSLContext dsl;

    public EscalationProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(EscalationOpened event, @SequenceNumber long version) {
        dsl.insertInto(ESCALATION)
                .set(ESCALATION.ESCALATION_ID, event.escalationId().value())
                .set(ESCALATION.TENANT_ID, event.tenantId().value())
                .set(ESCALATION.TASK_ID, event.taskId())
                .set(ESCALATION.REASON, event.reason())
                .set(ESCALATION.RISK, event.risk())
                .set(ESCALATION.STATUS, EscalationStatus.OPEN.name())
                .set(ESCALATION.OPENED_AT, utc(event.openedAt()))
                .set(ESCALATION.SLA_DUE_AT, utc(event.slaDueAt()))
                .set(ESCALATION.VERSION, version)
                .onConflict(ESCALATION.ESCALATION_ID).doNothing()
                .execute();
    }

    @EventHandler
    void on(EscalationAssigned event, @SequenceNumber long version) {
        dsl.update(ESCALATION)
                .set(ESCALATION.ASSIGNEE, event.assignee())
                .set(ESCALATION.STATUS, EscalationStatus.ASSIGNED.name())
                .set(ESCALATION.VERSION, version)
                .where(newer(event.escalationId().value(), version))
                .execute();
    }

    @EventHandler
    void on(EscalationResolved event, @SequenceNumber long version) {
        dsl.update(ESCALATION)
                .set(ESCALATION.STATUS, EscalationStatus.RESOLVED.name())
                .set(ESCALATION.VERDICT, event.verdict().name())
                .set(ESCALATION.REVIEWER, event.reviewer())
                .set(ESCALATION.RESOLVED_AT, utc(event.resolvedAt()))
                .set(ESCALATION.VERSION, version)
                .where(newer(event.escalationId().value(), version))
                .execute();
    }

    @EventHandler
    void on(EscalationSlaBreached event, @SequenceNumber long version, @Timestamp Instant noticedAt) {
        dsl.update(ESCALATION)
                .set(ESCALATION.SLA_BREACHED_AT, utc(noticedAt))
                .set(ESCALATION.VERSION, version)
                .where(newer(event.escalationId().value(), version))
                .execute();
    }

    @QueryHandler
    public Optional<EscalationView> handle(FindEscalation query) {
        return dsl.selectFrom(ESCALATION).where(ESCALATION.ESCALATION_ID.eq(query.escalationId().value()))
                .fetchOptional(EscalationProjection::toView);
    }

    @QueryHandler
    public EscalationQueue handle(FetchEscalationQueue query) {
        Condition condition = ESCALATION.TENANT_ID.eq(query.tenantId().value());
        if (query.status() != null) {
            condition = condition.and(ESCALATION.STATUS.eq(query.status().name()));
        }
        return new EscalationQueue(dsl.selectFrom(ESCALATION).where(condition)
                .orderBy(ESCALATION.OPENED_AT, ESCALATION.ESCALATION_ID)
                .limit(query.limit())
                .fetch(EscalationProjection::toView));
    }

    @QueryHandler
    public OpenEscalationCounts handle(CountOpenEscalationsPerTenant query) {
        return new OpenEscalationCounts(dsl.select(ESCALATION.TENANT_ID, count())
                .from(ESCALATION)
                .where(ESCALATION.STATUS.ne(EscalationStatus.RESOLVED.name()))
                .groupBy(ESCALATION.TENANT_ID)
                .fetch(row -> new OpenEscalationCount(row.value1(), row.value2())));
    }

    @ResetHandler
    void reset() {
        dsl.truncate(ESCALATION).execute();
    }

    private static Condition newer(String escalationId, long version) {
        return ESCALATION.ESCALATION_ID.eq(escalationId).and(ESCALATION.VERSION.lt(version));
    }

    private static EscalationView toView(EscalationRecord row) {
        return new EscalationView(row.getEscalationId(), row.getTenantId(), row.getTaskId(), row.getReason(),
                row.getRisk(), EscalationStatus.valueOf(row.getStatus()), row.getAssignee(),
                row.getVerdict() == null ? null : Verdict.valueOf(row.getVerdict()), row.getReviewer(),
                row.getOpenedAt().toInstant(), row.getSlaDueAt().toInstant(), row.getSlaBreachedAt() != null,
                row.getResolvedAt() == null ? null : row.getResolvedAt().toInstant(), row.getVersion());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
