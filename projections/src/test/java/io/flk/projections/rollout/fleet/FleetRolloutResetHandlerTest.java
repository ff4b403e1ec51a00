package io.flk.projections.rollout.fleet;

import static io.flk.db.Tables.FLEET_ROLLOUT;
import static io.flk.db.Tables.FLEET_ROLLOUT_MEMBER;
import static io.flk.projections.hrs.HrsFixtures.freshTenant;
import static io.flk.projections.hrs.HrsFixtures.objectMapper;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutEvent.RolloutRequested;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutQueries.FindRollout;
import io.flk.domain.rollout.RolloutQueries.RolloutView;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.rollout.fleet.FleetMember;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutApproved;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutRequested;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetWaveReleased;
import io.flk.domain.rollout.fleet.FleetRolloutId;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.FindFleetRollout;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.evaluation.DefaultPolicies;
import io.flk.projections.rollout.RolloutProjection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * The fleet rollout projection's reset empties its own tables and nothing else, not even the rollout its member
 * names, which another projection keeps. Like the other reset tests it truncates the shared tables; the other
 * fleet rollout tests use fleet rollouts of their own ids and need no rows but theirs.
 */
class FleetRolloutResetHandlerTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final RolloutTarget TARGET = RolloutTarget.policy(DefaultPolicies.spec());
    private static final RolloutPlan PLAN = RolloutPlan.defaults();

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final FleetRolloutProjection fleets = new FleetRolloutProjection(dsl, objectMapper());
    private final AnnotationEventHandlerAdapter fleetHandlers = new AnnotationEventHandlerAdapter(fleets);
    private final RolloutProjection rollouts = new RolloutProjection(dsl, objectMapper());
    private final AnnotationEventHandlerAdapter rolloutHandlers = new AnnotationEventHandlerAdapter(rollouts);

    @Test
    void theFleetRolloutResetTruncatesOnlyTheFleetRolloutsAndTheirMembers() throws Exception {
        TenantId tenant = freshTenant();
        FleetRolloutId fleetId = FleetRolloutId.random();
        FleetMember member = new FleetMember(tenant, fleetId.memberRolloutId(tenant));
        fleetHandlers.handle(GenericEventMessage.asEventMessage(new FleetRolloutRequested(fleetId, TARGET, PLAN,
                List.of(tenant), 1, Duration.ZERO, "alice", "stricter quorum", AT)));
        fleetHandlers.handle(GenericEventMessage.asEventMessage(new FleetRolloutApproved(fleetId, TARGET, PLAN,
                "alice", "stricter quorum", "bob", "looks right", AT.plusSeconds(60))));
        fleetHandlers.handle(GenericEventMessage.asEventMessage(new FleetWaveReleased(fleetId, 1, List.of(member),
                AT.plusSeconds(60))));
        // the member's own rollout, as the fleet saga requests it, in the rollout projection's table
        rolloutHandlers.handle(GenericEventMessage.asEventMessage(new RolloutRequested(tenant, member.rolloutId(),
                RolloutComponent.ENSEMBLE_POLICY, TARGET, PLAN, "alice", "stricter quorum", AT.plusSeconds(60))));
        RolloutView rollout = findRollout(member).orElseThrow();
        assertThat(fleets.handle(new FindFleetRollout(fleetId)).orElseThrow().members()).hasSize(1);

        // as Axon resets a processing group before a replay: through the handler annotated for it
        fleetHandlers.prepareReset();

        assertThat(dsl.fetchCount(FLEET_ROLLOUT)).isZero();
        assertThat(dsl.fetchCount(FLEET_ROLLOUT_MEMBER)).isZero();
        assertThat(findRollout(member)).contains(rollout);
    }

    private Optional<RolloutView> findRollout(FleetMember member) {
        return rollouts.handle(new FindRollout(member.tenantId(), member.rolloutId()));
    }
}
