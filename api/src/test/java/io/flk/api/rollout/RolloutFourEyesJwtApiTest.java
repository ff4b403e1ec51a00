package io.flk.api.rollout;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.FleetRolloutApi.policyFleetRollout;
import static io.flk.api.testing.RolloutApi.CANDIDATE_POLICY;
import static io.flk.api.testing.RolloutApi.policyRollout;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.api.testing.FleetRolloutApi;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.JwtApiTestSupport;
import io.flk.api.testing.RolloutApi;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutEvent.RolloutRefused;
import io.flk.domain.rollout.RolloutLaneId;
import io.flk.domain.rollout.RolloutRefusal;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutRefused;
import io.flk.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Four eyes with production tokens, where one principal may hold both the operator and the approver role: such a
 * principal can request a rollout, of one tenant or of a fleet, but not start it; the attempt is refused, recorded,
 * and starts nothing.
 */
class RolloutFourEyesJwtApiTest extends JwtApiTestSupport {

    @Autowired
    private EventStore eventStore;

    @Test
    void aPrincipalHoldingBothRolesCannotApproveTheirOwnRollout() {
        String tenant = uniqueTenantId();
        registerTenant(tenant);
        HttpJson lead = bearer(token("lead@flk.dev", List.of("operator", "approver"), null));
        HttpJson second = bearer(token("second@flk.dev", List.of("approver"), null));
        RolloutApi byLead = new RolloutApi(principal -> lead, tenant);
        byLead.defineLivePolicy("lead");
        String rolloutId = byLead.requestId("lead", policyRollout(CANDIDATE_POLICY, null));

        assertProblem(byLead.act("lead", rolloutId, "approval"), 403, "self-approval", null);
        assertThat(refusals(tenant)).containsExactly(RolloutRefusal.SELF_APPROVAL);
        byLead.assertNothingStarted();

        assertThat(new RolloutApi(principal -> second, tenant).acted("second", rolloutId, "approval")
                .get("status").asText()).isIn("STARTING", "RUNNING");
    }

    @Test
    void aPrincipalHoldingBothRolesCannotApproveTheirOwnFleetRollout() {
        String tenant = uniqueTenantId();
        registerTenant(tenant);
        HttpJson lead = bearer(token("lead@flk.dev", List.of("operator", "approver"), null));
        HttpJson second = bearer(token("second@flk.dev", List.of("approver"), null));
        FleetRolloutApi byLead = new FleetRolloutApi(principal -> lead);
        String id = byLead.requestId("lead", policyFleetRollout(CANDIDATE_POLICY, null, List.of(tenant), null));

        assertProblem(byLead.act("lead", id, "approval"), 403, "self-approval", null);
        List<RolloutRefusal> refused = new ArrayList<>();
        eventStore.readEvents(id).forEachRemaining(event -> {
            if (event.getPayload() instanceof FleetRolloutRefused refusal) {
                refused.add(refusal.refusal());
            }
        });
        assertThat(refused).containsExactly(RolloutRefusal.SELF_APPROVAL);
        new RolloutApi(principal -> lead, tenant).assertNothingRecorded();

        assertThat(new FleetRolloutApi(principal -> second).acted("second", id, "approval").get("status").asText())
                .isEqualTo("RUNNING");
        assertThat(byLead.acted("lead", id, "abort").get("status").asText()).isEqualTo("ABORTED");
    }

    private List<RolloutRefusal> refusals(String tenant) {
        List<RolloutRefusal> refusals = new ArrayList<>();
        eventStore.readEvents(RolloutLaneId.of(TenantId.of(tenant), RolloutComponent.ENSEMBLE_POLICY).toString())
                .forEachRemaining(event -> {
                    if (event.getPayload() instanceof RolloutRefused refused) {
                        refusals.add(refused.refusal());
                    }
                });
        return refusals;
    }
}
