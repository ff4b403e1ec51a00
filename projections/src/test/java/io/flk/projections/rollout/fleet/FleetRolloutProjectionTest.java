package io.flk.projections.rollout.fleet;

import static io.flk.db.Tables.FLEET_ROLLOUT;
import static io.flk.db.Tables.FLEET_ROLLOUT_MEMBER;
import static io.flk.projections.hrs.HrsFixtures.objectMapper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutRefusal;
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
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutRefused;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutRejected;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutRequested;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutResumed;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetWaveBakeStarted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetWaveReleased;
import io.flk.domain.rollout.fleet.FleetRolloutId;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.FindFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.FleetMemberView;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.FleetRolloutView;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.ListActiveFleetRollouts;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.ListFleetRollouts;
import io.flk.domain.rollout.fleet.FleetRolloutStatus;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.evaluation.DefaultPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * Every event reaches the projection as Axon delivers it, through its annotated handlers, so that a handler Axon
 * would not find fails here too. Each test works on fleet rollouts of its own random id; the tenants need not be
 * unique, as the member rows are keyed by fleet rollout.
 */
class FleetRolloutProjectionTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final RolloutTarget TARGET = RolloutTarget.policy(DefaultPolicies.spec());
    private static final RolloutPlan PLAN = RolloutPlan.defaults();
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final TenantId INITECH = TenantId.of("initech");
    /**
     * Not in alphabetical order, so that the tenants and the waves can be seen to keep the fleet's order; within
     * the first wave, {@link #membersOfAWaveKeepTheFleetsOrderOfTenants} shows that members keep it too.
     */
    private static final List<TenantId> TENANTS = List.of(GLOBEX, INITECH, ACME);
    private static final int WAVE_SIZE = 2;
    private static final Duration BAKE_TIME = Duration.ofMinutes(30);
    /** Who ends a fleet rollout that no human ended. */
    private static final String TENANT_ROLLOUTS = "tenant-rollouts";

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final FleetRolloutProjection projection = new FleetRolloutProjection(dsl, objectMapper());
    private final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
    private final FleetRolloutId fleetId = FleetRolloutId.random();

    @Test
    void aRequestedFleetRolloutAwaitsApprovalWithItsTenantsInOrderAndNoMembers() throws Exception {
        deliver(requested(fleetId, AT));

        assertThat(find()).isEqualTo(new FleetRolloutView(fleetId.value(), TARGET, PLAN,
                List.of("globex", "initech", "acme"), WAVE_SIZE, BAKE_TIME, FleetRolloutStatus.PENDING_APPROVAL, 0,
                null, "alice", null, "stricter quorum", AT, null, null, null, List.of()));
    }

    @Test
    void aBakingWaveShowsWhenTheNextIsDueUntilTheNextIsReleased() throws Exception {
        running(fleetId, AT);
        deliver(ended(fleetId, GLOBEX, FleetMemberOutcome.COMPLETED, "every gate passed", AT.plusSeconds(300)));
        deliver(ended(fleetId, INITECH, FleetMemberOutcome.COMPLETED, "every gate passed", AT.plusSeconds(360)));
        Instant due = AT.plusSeconds(360).plus(BAKE_TIME);
        deliver(new FleetWaveBakeStarted(fleetId, 1, due, AT.plusSeconds(360)));

        assertThat(find()).extracting(FleetRolloutView::status, FleetRolloutView::waves, FleetRolloutView::nextWaveAt)
                .containsExactly(FleetRolloutStatus.RUNNING, 1, due);

        deliver(wave(fleetId, 2, List.of(ACME), due));

        assertThat(find()).extracting(FleetRolloutView::waves, FleetRolloutView::nextWaveAt).containsExactly(2, null);
    }

    @Test
    void aFleetRolloutAbortedWhileItsWaveBakesHasNoNextWaveDue() throws Exception {
        running(fleetId, AT);
        deliver(ended(fleetId, GLOBEX, FleetMemberOutcome.COMPLETED, "every gate passed", AT.plusSeconds(300)));
        deliver(ended(fleetId, INITECH, FleetMemberOutcome.COMPLETED, "every gate passed", AT.plusSeconds(360)));
        deliver(new FleetWaveBakeStarted(fleetId, 1, AT.plusSeconds(360).plus(BAKE_TIME), AT.plusSeconds(360)));
        deliver(aborted(fleetId, AT.plusSeconds(400)));

        assertThat(find()).extracting(FleetRolloutView::status, FleetRolloutView::nextWaveAt)
                .containsExactly(FleetRolloutStatus.ABORTED, null);
    }

    @Test
    void anApprovedFleetRolloutRunsWithItsApprover() throws Exception {
        deliver(requested(fleetId, AT));
        deliver(approved(fleetId, AT.plusSeconds(60)));

        assertThat(find()).extracting(FleetRolloutView::status, FleetRolloutView::approvedBy,
                        FleetRolloutView::requestedBy, FleetRolloutView::reason, FleetRolloutView::waves,
                        FleetRolloutView::endedAt, FleetRolloutView::members)
                .containsExactly(FleetRolloutStatus.RUNNING, "bob", "alice", "stricter quorum", 0, null, List.of());
    }

    @Test
    void aReleasedWaveAddsItsTenantsAsRunningMembersAndASecondWaveAppendsItsOwn() throws Exception {
        running(fleetId, AT);

        assertThat(find().waves()).isEqualTo(1);
        assertThat(find().members()).containsExactly(
                running(fleetId, GLOBEX, 1, AT.plusSeconds(60)),
                running(fleetId, INITECH, 1, AT.plusSeconds(60)));

        deliver(ended(fleetId, GLOBEX, FleetMemberOutcome.COMPLETED, "every gate passed", AT.plusSeconds(300)));
        deliver(ended(fleetId, INITECH, FleetMemberOutcome.COMPLETED, "every gate passed", AT.plusSeconds(360)));
        deliver(wave(fleetId, 2, List.of(ACME), AT.plusSeconds(360)));

        assertThat(find().waves()).isEqualTo(2);
        assertThat(find().members()).extracting(FleetMemberView::tenantId, FleetMemberView::wave,
                        FleetMemberView::releasedAt)
                .containsExactly(
                        tuple("globex", 1, AT.plusSeconds(60)),
                        tuple("initech", 1, AT.plusSeconds(60)),
                        tuple("acme", 2, AT.plusSeconds(360)));
        assertThat(find().members().get(2)).isEqualTo(running(fleetId, ACME, 2, AT.plusSeconds(360)));
        assertThat(find().status()).isEqualTo(FleetRolloutStatus.RUNNING);
    }

    @Test
    void anEndedMemberKeepsItsOutcomeReasonAndTimeAndTheOthersRunOn() throws Exception {
        running(fleetId, AT);

        deliver(ended(fleetId, INITECH, FleetMemberOutcome.ROLLED_BACK, "latency p95 beyond its bound",
                AT.plusSeconds(300)));

        assertThat(find().members()).containsExactly(
                running(fleetId, GLOBEX, 1, AT.plusSeconds(60)),
                new FleetMemberView("initech", fleetId.memberRolloutId(INITECH).value(), 1, AT.plusSeconds(60),
                        FleetMemberOutcome.ROLLED_BACK, "latency p95 beyond its bound", AT.plusSeconds(300)));
    }

    @Test
    void aHaltedFleetRolloutWasEndedByItsTenantsRolloutsAndSaysWhy() throws Exception {
        running(fleetId, AT);
        deliver(ended(fleetId, INITECH, FleetMemberOutcome.ROLLED_BACK, "latency", AT.plusSeconds(300)));
        deliver(halted(fleetId, AT.plusSeconds(300)));

        assertThat(find()).extracting(FleetRolloutView::status, FleetRolloutView::endedBy,
                        FleetRolloutView::endReason, FleetRolloutView::endedAt, FleetRolloutView::approvedBy,
                        FleetRolloutView::waves)
                .containsExactly(FleetRolloutStatus.HALTED, TENANT_ROLLOUTS,
                        "the rollout on tenant initech ended ROLLED_BACK: latency", AT.plusSeconds(300), "bob", 1);
    }

    @Test
    void anAbortedFleetRolloutNamesItsOperatorAndReason() throws Exception {
        running(fleetId, AT);
        deliver(aborted(fleetId, AT.plusSeconds(200)));

        assertThat(find()).extracting(FleetRolloutView::status, FleetRolloutView::endedBy,
                        FleetRolloutView::endReason, FleetRolloutView::endedAt, FleetRolloutView::approvedBy)
                .containsExactly(FleetRolloutStatus.ABORTED, "carol", "wrong candidate", AT.plusSeconds(200), "bob");
    }

    @Test
    void aCompletedFleetRolloutWasEndedByItsTenantsRolloutsWithoutAReason() throws Exception {
        completed(fleetId, AT);

        assertThat(find()).extracting(FleetRolloutView::status, FleetRolloutView::endedBy,
                        FleetRolloutView::endReason, FleetRolloutView::endedAt, FleetRolloutView::waves)
                .containsExactly(FleetRolloutStatus.COMPLETED, TENANT_ROLLOUTS, null, AT.plusSeconds(900),
                        2);
        assertThat(find().members()).extracting(FleetMemberView::outcome)
                .containsExactly(FleetMemberOutcome.COMPLETED, FleetMemberOutcome.COMPLETED,
                        FleetMemberOutcome.COMPLETED);
    }

    @Test
    void aRejectedFleetRolloutEndsByItsRejecterUnapprovedAndWithoutWaves() throws Exception {
        deliver(requested(fleetId, AT));
        deliver(rejected(fleetId, AT.plusSeconds(60)));

        assertThat(find()).extracting(FleetRolloutView::status, FleetRolloutView::endedBy,
                        FleetRolloutView::endReason, FleetRolloutView::endedAt, FleetRolloutView::approvedBy,
                        FleetRolloutView::waves, FleetRolloutView::members)
                .containsExactly(FleetRolloutStatus.REJECTED, "bob", "not this week", AT.plusSeconds(60), null, 0,
                        List.of());
    }

    @Test
    void aRefusalChangesNoFleetRollout() throws Exception {
        running(fleetId, AT);
        Map<String, Object> before = rows(fleetId);
        FleetRolloutId unknown = FleetRolloutId.random();

        deliver(new FleetRolloutRefused(fleetId, RolloutRefusal.WRONG_STATE,
                "fleet rollout " + fleetId + " is RUNNING and cannot be approved", "bob", AT.plusSeconds(120)));
        deliver(new FleetRolloutRefused(unknown, RolloutRefusal.UNKNOWN_ROLLOUT, "no such fleet rollout", "bob",
                AT.plusSeconds(120)));

        assertThat(rows(fleetId)).isEqualTo(before);
        assertThat(projection.handle(new FindFleetRollout(unknown))).isEmpty();
    }

    /**
     * Delivered at least once, an event may arrive again right after itself: the rows after the second delivery
     * are those after the first, for every event of every way a fleet rollout can end.
     */
    @Test
    void redeliveringAnyEventLeavesTheRowsAsTheyWere() throws Exception {
        FleetRolloutId toComplete = FleetRolloutId.random();
        FleetRolloutId toHalt = FleetRolloutId.random();
        FleetRolloutId toAbort = FleetRolloutId.random();
        FleetRolloutId toReject = FleetRolloutId.random();
        List<List<FleetRolloutEvent>> lives = List.of(
                completedLife(toComplete, AT),
                then(startOf(toHalt, AT),
                        paused(toHalt, AT.plusSeconds(100)),
                        resumed(toHalt, AT.plusSeconds(200)),
                        ended(toHalt, INITECH, FleetMemberOutcome.ROLLED_BACK, "latency", AT.plusSeconds(300)),
                        halted(toHalt, AT.plusSeconds(300)),
                        ended(toHalt, GLOBEX, FleetMemberOutcome.ABORTED, "fleet halted", AT.plusSeconds(330))),
                then(startOf(toAbort, AT),
                        paused(toAbort, AT.plusSeconds(100)),
                        aborted(toAbort, AT.plusSeconds(200)),
                        ended(toAbort, GLOBEX, FleetMemberOutcome.ABORTED, "fleet aborted", AT.plusSeconds(230))),
                List.of(requested(toReject, AT),
                        new FleetRolloutRefused(toReject, RolloutRefusal.SELF_APPROVAL, "alice requested it",
                                "alice", AT.plusSeconds(30)),
                        rejected(toReject, AT.plusSeconds(60))));

        for (List<FleetRolloutEvent> life : lives) {
            for (FleetRolloutEvent event : life) {
                EventMessage<FleetRolloutEvent> message = GenericEventMessage.asEventMessage(event);
                handlers.handle(message);
                Map<String, Object> once = rows(event.fleetRolloutId());

                handlers.handle(message);

                assertThat(rows(event.fleetRolloutId())).as("after %s delivered twice", event).isEqualTo(once);
            }
        }
        assertThat(projection.handle(new FindFleetRollout(toComplete)).orElseThrow().status())
                .isEqualTo(FleetRolloutStatus.COMPLETED);
        assertThat(projection.handle(new FindFleetRollout(toHalt)).orElseThrow().members())
                .extracting(FleetMemberView::outcome)
                .containsExactly(FleetMemberOutcome.ABORTED, FleetMemberOutcome.ROLLED_BACK);
    }

    @Test
    void fleetRolloutsAreListedNewestFirstEachWithItsOwnMembers() throws Exception {
        FleetRolloutId older = FleetRolloutId.random();
        FleetRolloutId newer = FleetRolloutId.random();
        // the older is projected first, so that an insertion order would list them the wrong way round
        running(older, AT);
        running(newer, AT.plusSeconds(3_600));
        deliver(ended(newer, GLOBEX, FleetMemberOutcome.COMPLETED, "every gate passed", AT.plusSeconds(3_900)));

        List<FleetRolloutView> ours = projection.handle(new ListFleetRollouts()).stream()
                .filter(view -> view.fleetRolloutId().equals(older.value())
                        || view.fleetRolloutId().equals(newer.value()))
                .toList();

        assertThat(ours).extracting(FleetRolloutView::fleetRolloutId).containsExactly(newer.value(), older.value());
        assertThat(ours.get(0).members()).extracting(FleetMemberView::rolloutId, FleetMemberView::outcome)
                .containsExactly(
                        tuple(newer.memberRolloutId(GLOBEX).value(),
                                FleetMemberOutcome.COMPLETED),
                        tuple(newer.memberRolloutId(INITECH).value(), null));
        assertThat(ours.get(1).members()).containsExactly(
                running(older, GLOBEX, 1, AT.plusSeconds(60)),
                running(older, INITECH, 1, AT.plusSeconds(60)));
        assertThat(ours.get(1)).isEqualTo(projection.handle(new FindFleetRollout(older)).orElseThrow());
    }

    @Test
    void aPausedFleetRolloutShowsPausedWithItsMembersAndRunsAgainOnceResumed() throws Exception {
        running(fleetId, AT);
        FleetRolloutView before = find();

        deliver(paused(fleetId, AT.plusSeconds(400)));

        assertThat(find().status()).isEqualTo(FleetRolloutStatus.PAUSED);
        assertThat(find()).usingRecursiveComparison().ignoringFields("status").isEqualTo(before);

        deliver(resumed(fleetId, AT.plusSeconds(500)));

        assertThat(find()).isEqualTo(before);
    }

    /**
     * The active ones are requested an hour apart in the order they should be listed; the ended ones are requested
     * first of all, so that any of them let through would stand out at the head of the list. The database is
     * shared, so only this test's fleet rollouts are looked at.
     */
    @Test
    void theActiveFleetRolloutsAreThosePendingRunningOrPausedOldestFirst() throws Exception {
        FleetRolloutId pendingFleet = FleetRolloutId.random();
        FleetRolloutId pausedFleet = FleetRolloutId.random();
        FleetRolloutId runningFleet = FleetRolloutId.random();
        FleetRolloutId resumedFleet = FleetRolloutId.random();
        FleetRolloutId haltedFleet = FleetRolloutId.random();
        FleetRolloutId abortedFleet = FleetRolloutId.random();
        FleetRolloutId rejectedFleet = FleetRolloutId.random();
        FleetRolloutId completedFleet = FleetRolloutId.random();
        deliver(requested(pendingFleet, AT));
        deliverAll(then(startOf(pausedFleet, AT.plusSeconds(3_600)), paused(pausedFleet, AT.plusSeconds(3_700))));
        running(runningFleet, AT.plusSeconds(7_200));
        deliverAll(then(startOf(resumedFleet, AT.plusSeconds(10_800)),
                paused(resumedFleet, AT.plusSeconds(10_900)), resumed(resumedFleet, AT.plusSeconds(11_000))));
        deliverAll(then(startOf(haltedFleet, AT),
                ended(haltedFleet, INITECH, FleetMemberOutcome.ROLLED_BACK, "latency", AT.plusSeconds(300)),
                halted(haltedFleet, AT.plusSeconds(300))));
        deliverAll(then(startOf(abortedFleet, AT), paused(abortedFleet, AT.plusSeconds(100)),
                aborted(abortedFleet, AT.plusSeconds(200))));
        deliver(requested(rejectedFleet, AT));
        deliver(rejected(rejectedFleet, AT.plusSeconds(60)));
        completed(completedFleet, AT);
        List<String> ours = Stream.of(pendingFleet, pausedFleet, runningFleet, resumedFleet, haltedFleet,
                abortedFleet, rejectedFleet, completedFleet).map(FleetRolloutId::value).toList();

        List<FleetRolloutView> active = projection.handle(new ListActiveFleetRollouts()).stream()
                .filter(view -> ours.contains(view.fleetRolloutId()))
                .toList();

        assertThat(active).extracting(FleetRolloutView::fleetRolloutId, FleetRolloutView::status)
                .containsExactly(
                        tuple(pendingFleet.value(), FleetRolloutStatus.PENDING_APPROVAL),
                        tuple(pausedFleet.value(), FleetRolloutStatus.PAUSED),
                        tuple(runningFleet.value(), FleetRolloutStatus.RUNNING),
                        tuple(resumedFleet.value(), FleetRolloutStatus.RUNNING));
    }

    @Test
    void membersOfAWaveKeepTheFleetsOrderOfTenants() throws Exception {
        List<TenantId> notAlphabetical = List.of(INITECH, ACME, GLOBEX);
        deliver(new FleetRolloutRequested(fleetId, TARGET, PLAN, notAlphabetical, 3, Duration.ZERO, "alice",
                "stricter quorum", AT));
        deliver(approved(fleetId, AT));
        deliver(wave(fleetId, 1, notAlphabetical, AT));

        assertThat(find().members()).extracting(FleetMemberView::tenantId)
                .containsExactly(INITECH.value(), ACME.value(), GLOBEX.value());
    }

    @Test
    void anUnknownFleetRolloutIsNotFound() throws Exception {
        running(fleetId, AT);

        assertThat(projection.handle(new FindFleetRollout(FleetRolloutId.random()))).isEmpty();
    }

    private void deliver(FleetRolloutEvent event) throws Exception {
        handlers.handle(GenericEventMessage.asEventMessage(event));
    }

    private void deliverAll(List<FleetRolloutEvent> events) throws Exception {
        for (FleetRolloutEvent event : events) {
            deliver(event);
        }
    }

    private void running(FleetRolloutId id, Instant requestedAt) throws Exception {
        deliverAll(startOf(id, requestedAt));
    }

    private void completed(FleetRolloutId id, Instant requestedAt) throws Exception {
        deliverAll(completedLife(id, requestedAt));
    }

    /** Requested, approved, and its first wave released with the approval, as the aggregate releases it. */
    private static List<FleetRolloutEvent> startOf(FleetRolloutId id, Instant requestedAt) {
        return List.of(requested(id, requestedAt), approved(id, requestedAt.plusSeconds(60)),
                firstWave(id, requestedAt.plusSeconds(60)));
    }

    private static List<FleetRolloutEvent> then(List<FleetRolloutEvent> before, FleetRolloutEvent... after) {
        return Stream.concat(before.stream(), Stream.of(after)).toList();
    }

    /** Both waves complete; the fleet rollout completes with its last member. */
    private static List<FleetRolloutEvent> completedLife(FleetRolloutId id, Instant at) {
        return then(startOf(id, at),
                ended(id, GLOBEX, FleetMemberOutcome.COMPLETED, "every gate passed", at.plusSeconds(300)),
                ended(id, INITECH, FleetMemberOutcome.COMPLETED, "every gate passed", at.plusSeconds(360)),
                wave(id, 2, List.of(ACME), at.plusSeconds(360)),
                ended(id, ACME, FleetMemberOutcome.COMPLETED, "every gate passed", at.plusSeconds(900)),
                new FleetRolloutCompleted(id, 3, 2, at.plusSeconds(900)));
    }

    private static FleetRolloutRequested requested(FleetRolloutId id, Instant at) {
        return new FleetRolloutRequested(id, TARGET, PLAN, TENANTS, WAVE_SIZE, BAKE_TIME, "alice", "stricter quorum",
                at);
    }

    private static FleetRolloutApproved approved(FleetRolloutId id, Instant at) {
        return new FleetRolloutApproved(id, TARGET, PLAN, "alice", "stricter quorum", "bob", "looks right", at);
    }

    private static FleetWaveReleased firstWave(FleetRolloutId id, Instant at) {
        return wave(id, 1, List.of(GLOBEX, INITECH), at);
    }

    private static FleetWaveReleased wave(FleetRolloutId id, int wave, List<TenantId> tenants, Instant at) {
        return new FleetWaveReleased(id, wave, tenants.stream().map(tenant -> member(id, tenant)).toList(), at);
    }

    private static FleetMemberEnded ended(FleetRolloutId id, TenantId tenant, FleetMemberOutcome outcome,
                                         String reason, Instant at) {
        return new FleetMemberEnded(id, member(id, tenant), outcome, reason, at);
    }

    /** As the aggregate halts it: initech rolled back while globex still ran. */
    private static FleetRolloutHalted halted(FleetRolloutId id, Instant at) {
        return new FleetRolloutHalted(id, member(id, INITECH), FleetMemberOutcome.ROLLED_BACK,
                "the rollout on tenant initech ended ROLLED_BACK: latency", List.of(member(id, GLOBEX)), at);
    }

    /** Paused while its first wave runs. */
    private static FleetRolloutPaused paused(FleetRolloutId id, Instant at) {
        return new FleetRolloutPaused(id, "carol", "customer complaint",
                List.of(member(id, GLOBEX), member(id, INITECH)), at);
    }

    private static FleetRolloutResumed resumed(FleetRolloutId id, Instant at) {
        return new FleetRolloutResumed(id, "carol", "complaint answered",
                List.of(member(id, GLOBEX), member(id, INITECH)), at);
    }

    private static FleetRolloutAborted aborted(FleetRolloutId id, Instant at) {
        return new FleetRolloutAborted(id, "carol", "wrong candidate",
                List.of(member(id, GLOBEX), member(id, INITECH)), at);
    }

    private static FleetRolloutRejected rejected(FleetRolloutId id, Instant at) {
        return new FleetRolloutRejected(id, "bob", "not this week", at);
    }

    private static FleetMember member(FleetRolloutId id, TenantId tenant) {
        return new FleetMember(tenant, id.memberRolloutId(tenant));
    }

    private static FleetMemberView running(FleetRolloutId id, TenantId tenant, int wave, Instant releasedAt) {
        return new FleetMemberView(tenant.value(), id.memberRolloutId(tenant).value(), wave, releasedAt, null, null,
                null);
    }

    /** The fleet rollout's row and its member rows as stored, columns by name, so that nothing escapes the view. */
    private Map<String, Object> rows(FleetRolloutId id) {
        return Map.of(
                "fleet_rollout", dsl.selectFrom(FLEET_ROLLOUT)
                        .where(FLEET_ROLLOUT.FLEET_ROLLOUT_ID.eq(id.value())).fetchMaps(),
                "fleet_rollout_member", dsl.selectFrom(FLEET_ROLLOUT_MEMBER)
                        .where(FLEET_ROLLOUT_MEMBER.FLEET_ROLLOUT_ID.eq(id.value()))
                        .orderBy(FLEET_ROLLOUT_MEMBER.TENANT_ID).fetchMaps());
    }

    private FleetRolloutView find() {
        return projection.handle(new FindFleetRollout(fleetId)).orElseThrow();
    }
}
