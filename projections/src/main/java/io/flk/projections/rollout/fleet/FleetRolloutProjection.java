package io.flk.projections.rollout.fleet;

import static io.flk.db.Tables.FLEET_ROLLOUT;
import static io.flk.db.Tables.FLEET_ROLLOUT_MEMBER;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.db.tables.records.FleetRolloutMemberRecord;
import io.flk.db.tables.records.FleetRolloutRecord;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.rollout.fleet.FleetMember;
import io.flk.domain.rollout.fleet.FleetMemberOutcome;
import io.flk.domain.rollout.fleet.FleetRolloutEvent;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetMemberEnded;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutAborted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutApproved;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutCompleted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutHalted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutPaused;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutRejected;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutRequested;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutResumed;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetWaveBakeStarted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetWaveReleased;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.FindFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.ListActiveFleetRollouts;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.FleetMemberView;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.FleetRolloutView;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.ListFleetRollouts;
import io.flk.domain.rollout.fleet.FleetRolloutStatus;
import io.flk.domain.tenant.TenantId;
import io.flk.projections.hrs.JsonColumn;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Every fleet rollout, the tenants of its released waves and how each tenant's rollout ended. A fleet's events
 * arrive in order (one aggregate) and each handler sets what its event says, so redelivered events leave the rows
 * as they were. {@code FleetRolloutRefused} is an audit record only and changes nothing here.
 */
@Component
@ProcessingGroup(FleetRolloutProjection.GROUP)
public class FleetRolloutProjection {

    public static final String GROUP = "fleet-rollouts";

    /** Who ended a fleet rollout that no human ended: one of its tenants' rollouts, or its last completion. */
    private static final String TENANT_ROLLOUTS = "tenant-rollouts";

    private final DSLContext dsl;
    private final JsonColumn json;

    public FleetRolloutProjection(DSLContext dsl, ObjectMapper objectMapper) {
        this.dsl = dsl;
        this.json = new JsonColumn(objectMapper);
    }

    @EventHandler
    void on(FleetRolloutRequested event) {
        dsl.insertInto(FLEET_ROLLOUT)
                .set(FLEET_ROLLOUT.FLEET_ROLLOUT_ID, event.fleetRolloutId().value())
                .set(FLEET_ROLLOUT.TARGET, json.write(event.target()))
                .set(FLEET_ROLLOUT.PLAN, json.write(event.plan()))
                .set(FLEET_ROLLOUT.TENANTS, json.write(event.tenants().stream().map(TenantId::value).toList()))
                .set(FLEET_ROLLOUT.WAVE_SIZE, event.waveSize())
                .set(FLEET_ROLLOUT.BAKE_TIME, event.bakeTime().toString())
                .set(FLEET_ROLLOUT.STATUS, FleetRolloutStatus.PENDING_APPROVAL.name())
                .set(FLEET_ROLLOUT.WAVES, 0)
                .set(FLEET_ROLLOUT.REQUESTED_BY, event.requestedBy())
                .set(FLEET_ROLLOUT.REASON, event.reason())
                .set(FLEET_ROLLOUT.REQUESTED_AT, utc(event.at()))
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(FleetRolloutApproved event) {
        status(FleetRolloutStatus.RUNNING).set(FLEET_ROLLOUT.APPROVED_BY, event.approvedBy())
                .where(FLEET_ROLLOUT.FLEET_ROLLOUT_ID.eq(event.fleetRolloutId().value())).execute();
    }

    @EventHandler
    void on(FleetRolloutRejected event) {
        end(FleetRolloutStatus.REJECTED, event, event.rejectedBy(), event.reason(), event.at());
    }

    @EventHandler
    void on(FleetWaveReleased event) {
        for (FleetMember member : event.members()) {
            dsl.insertInto(FLEET_ROLLOUT_MEMBER)
                    .set(FLEET_ROLLOUT_MEMBER.FLEET_ROLLOUT_ID, event.fleetRolloutId().value())
                    .set(FLEET_ROLLOUT_MEMBER.TENANT_ID, member.tenantId().value())
                    .set(FLEET_ROLLOUT_MEMBER.ROLLOUT_ID, member.rolloutId().value())
                    .set(FLEET_ROLLOUT_MEMBER.WAVE, event.wave())
                    .set(FLEET_ROLLOUT_MEMBER.RELEASED_AT, utc(event.at()))
                    .onConflictDoNothing()
                    .execute();
        }
        dsl.update(FLEET_ROLLOUT).set(FLEET_ROLLOUT.WAVES, event.wave())
                .setNull(FLEET_ROLLOUT.NEXT_WAVE_AT)
                .where(FLEET_ROLLOUT.FLEET_ROLLOUT_ID.eq(event.fleetRolloutId().value())).execute();
    }

    @EventHandler
    void on(FleetWaveBakeStarted event) {
        dsl.update(FLEET_ROLLOUT).set(FLEET_ROLLOUT.NEXT_WAVE_AT, utc(event.nextWaveAt()))
                .where(FLEET_ROLLOUT.FLEET_ROLLOUT_ID.eq(event.fleetRolloutId().value())).execute();
    }

    @EventHandler
    void on(FleetMemberEnded event) {
        dsl.update(FLEET_ROLLOUT_MEMBER)
                .set(FLEET_ROLLOUT_MEMBER.OUTCOME, event.outcome().name())
                .set(FLEET_ROLLOUT_MEMBER.OUTCOME_REASON, event.reason())
                .set(FLEET_ROLLOUT_MEMBER.ENDED_AT, utc(event.at()))
                .where(FLEET_ROLLOUT_MEMBER.FLEET_ROLLOUT_ID.eq(event.fleetRolloutId().value())
                        .and(FLEET_ROLLOUT_MEMBER.TENANT_ID.eq(event.member().tenantId().value())))
                .execute();
    }

    @EventHandler
    void on(FleetRolloutPaused event) {
        status(FleetRolloutStatus.PAUSED).where(FLEET_ROLLOUT.FLEET_ROLLOUT_ID.eq(event.fleetRolloutId().value()))
                .execute();
    }

    @EventHandler
    void on(FleetRolloutResumed event) {
        status(FleetRolloutStatus.RUNNING).where(FLEET_ROLLOUT.FLEET_ROLLOUT_ID.eq(event.fleetRolloutId().value()))
                .execute();
    }

    @EventHandler
    void on(FleetRolloutHalted event) {
        end(FleetRolloutStatus.HALTED, event, TENANT_ROLLOUTS, event.reason(), event.at());
    }

    @EventHandler
    void on(FleetRolloutAborted event) {
        end(FleetRolloutStatus.ABORTED, event, event.actor(), event.reason(), event.at());
    }

    @EventHandler
    void on(FleetRolloutCompleted event) {
        end(FleetRolloutStatus.COMPLETED, event, TENANT_ROLLOUTS, null, event.at());
    }

    @QueryHandler
    public Optional<FleetRolloutView> handle(FindFleetRollout query) {
        String id = query.fleetRolloutId().value();
        return dsl.selectFrom(FLEET_ROLLOUT).where(FLEET_ROLLOUT.FLEET_ROLLOUT_ID.eq(id))
                .fetchOptional(row -> toView(row, members(FLEET_ROLLOUT_MEMBER.FLEET_ROLLOUT_ID.eq(id))
                        .getOrDefault(id, List.of())));
    }

    /** Newest first. */
    @QueryHandler
    public List<FleetRolloutView> handle(ListFleetRollouts query) {
        Map<String, List<FleetMemberView>> members = members(DSL.noCondition());
        return dsl.selectFrom(FLEET_ROLLOUT)
                .orderBy(FLEET_ROLLOUT.REQUESTED_AT.desc(), FLEET_ROLLOUT.FLEET_ROLLOUT_ID.desc())
                .fetch(row -> toView(row, members.getOrDefault(row.getFleetRolloutId(), List.of())));
    }

    /** Oldest first; their members are left out, only the tenants they are for matter here. */
    @QueryHandler
    public List<FleetRolloutView> handle(ListActiveFleetRollouts query) {
        return dsl.selectFrom(FLEET_ROLLOUT)
                .where(FLEET_ROLLOUT.STATUS.in(Arrays.stream(FleetRolloutStatus.values())
                        .filter(FleetRolloutStatus::active).map(Enum::name).toList()))
                .orderBy(FLEET_ROLLOUT.REQUESTED_AT, FLEET_ROLLOUT.FLEET_ROLLOUT_ID)
                .fetch(row -> toView(row, List.of()));
    }

    @ResetHandler
    void reset() {
        dsl.truncate(FLEET_ROLLOUT, FLEET_ROLLOUT_MEMBER).execute();
    }

    private UpdateSetMoreStep<FleetRolloutRecord> status(FleetRolloutStatus status) {
        return dsl.update(FLEET_ROLLOUT).set(FLEET_ROLLOUT.STATUS, status.name());
    }

    private void end(FleetRolloutStatus status, FleetRolloutEvent event, String endedBy, String reason, Instant at) {
        status(status)
                .set(FLEET_ROLLOUT.ENDED_BY, endedBy)
                .set(FLEET_ROLLOUT.END_REASON, reason)
                .set(FLEET_ROLLOUT.ENDED_AT, utc(at))
                .setNull(FLEET_ROLLOUT.NEXT_WAVE_AT)
                .where(FLEET_ROLLOUT.FLEET_ROLLOUT_ID.eq(event.fleetRolloutId().value()))
                .execute();
    }

    /** By fleet rollout id. */
    private Map<String, List<FleetMemberView>> members(Condition which) {
        return dsl.selectFrom(FLEET_ROLLOUT_MEMBER).where(which)
                .fetch().stream()
                .collect(Collectors.groupingBy(FleetRolloutMemberRecord::getFleetRolloutId,
                        Collectors.mapping(FleetRolloutProjection::toView, Collectors.toList())));
    }

    /** Members in the fleet's order of tenants, which is also the order of their waves. */
    private FleetRolloutView toView(FleetRolloutRecord row, List<FleetMemberView> members) {
        String what = "fleet rollout " + row.getFleetRolloutId();
        List<String> tenants = List.of(json.read(row.getTenants(), String[].class, what + " tenants"));
        List<FleetMemberView> inFleetOrder = members.stream()
                .sorted(Comparator.comparingInt(member -> tenants.indexOf(member.tenantId()))).toList();
        return new FleetRolloutView(row.getFleetRolloutId(),
                json.read(row.getTarget(), RolloutTarget.class, what + " target"),
                json.read(row.getPlan(), RolloutPlan.class, what + " plan"), tenants, row.getWaveSize(),
                Duration.parse(row.getBakeTime()), FleetRolloutStatus.valueOf(row.getStatus()), row.getWaves(),
                instant(row.getNextWaveAt()), row.getRequestedBy(),
                row.getApprovedBy(), row.getReason(), instant(row.getRequestedAt()), instant(row.getEndedAt()),
                row.getEndedBy(), row.getEndReason(), inFleetOrder);
    }

    private static FleetMemberView toView(FleetRolloutMemberRecord row) {
        return new FleetMemberView(row.getTenantId(), row.getRolloutId(), row.getWave(),
                instant(row.getReleasedAt()),
                row.getOutcome() == null ? null : FleetMemberOutcome.valueOf(row.getOutcome()),
                row.getOutcomeReason(), instant(row.getEndedAt()));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
