package io.flk.api.rollout.fleet;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.api.testing.FleetRolloutApi.member;
import static io.flk.api.testing.FleetRolloutApi.policyFleetRollout;
import static io.flk.api.testing.RolloutApi.CANDIDATE_POLICY;
import static io.flk.api.testing.RolloutApi.HOLDING_PLAN;
import static io.flk.api.verification.VerificationRequests.GROUNDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.FleetRolloutApi;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.IsolatedApplication;
import io.flk.api.testing.RolloutApi;
import io.flk.api.verification.VerificationRequests;
import io.flk.domain.rollout.fleet.FleetRolloutId;
import io.flk.domain.tenant.TenantId;
import io.flk.sagas.rollout.fleet.FleetRolloutSaga;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fleet rollouts over HTTP: approved once by a second principal, carried out as one ordinary rollout per tenant,
 * released wave by wave, halted by the first tenant whose rollout does not complete, aborted by an operator; bad
 * input refused before anything is recorded.
 */
class FleetRolloutApiTest extends ApiTestSupport {

    /**
     * Completes a tenant's rollout with one advance (0.5 to 1) once 30 canary tasks passed the error budget of a 90 %
     * SLO, as the restart scenario of {@code RolloutScenarioApiTest} explains; the other gates are off.
     */
    private static final String ONE_ADVANCE_PLAN = """
            {"initialShare":0.5,"minStep":0.5,"maxStep":0.5,"minSamplesPerStep":30,"checkInterval":"PT1S",
             "maxStepDuration":"PT1H","combination":"PRIORITY","priority":["ERROR_BUDGET"],
             "errorBudget":{"sloTarget":0.9,"fastBurnRate":9},"latency":{"enabled":false},
             "containment":{"enabled":false},"cost":{"enabled":false}}
            """;

    private final FleetRolloutApi fleet = new FleetRolloutApi(this::as);

    /** On a database of its own, so that "every tenant" is the two tenants registered here. */
    @Test
    void aFleetRolloutToEveryTenantCompletesWaveAfterWaveAndTheCandidateGoesLiveEverywhere() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase()) {
            List<String> registered = List.of("acme", "globex");
            app.registerTenants(registered.toArray(String[]::new));
            for (String tenant : registered) {
                new RolloutApi(app::as, tenant).defineLivePolicy(OPERATOR);
            }
            FleetRolloutApi everyTenant = new FleetRolloutApi(app::as);
            String id = everyTenant.requestId(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, ONE_ADVANCE_PLAN, null, 1,
                    "PT2S"));
            List<String> waves = new ArrayList<>();
            everyTenant.awaitStatus(AUDITOR, id, "PENDING_APPROVAL").get("tenants")
                    .forEach(tenant -> waves.add(tenant.asText()));
            assertThat(waves).containsExactlyInAnyOrderElementsOf(registered);
            everyTenant.acted(APPROVER, id, "approval");
            MeterRegistry meters = app.bean(MeterRegistry.class);
            awaitActiveFleets(meters, "RUNNING", 1);

            int[] sent = {0};
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
                for (String tenant : registered) {
                    for (int i = 0; i < 5; i++) {
                        HttpJson.Response verified = app.as(OPERATOR).post("/api/v1/verifications",
                                VerificationRequests.verification(tenant, "fleet-" + sent[0]++, GROUNDED));
                        assertThat(verified.status()).as(verified.body()).isIn(200, 202);
                    }
                }
                return everyTenant.get(AUDITOR, id).json().get("status").asText().equals("COMPLETED");
            });

            JsonNode completed = everyTenant.awaitView(AUDITOR, id, Duration.ofSeconds(10),
                    view -> fleetAndMembersAre(view, "COMPLETED", "COMPLETED", registered));
            assertThat(completed.get("waves").asInt()).isEqualTo(2);
            assertThat(meters.get("flk.fleet.rollouts.ended").tag("outcome", "COMPLETED").counter().count())
                    .isEqualTo(1.0);
            assertThat(meters.get("flk.fleet.rollouts.ended").tag("outcome", "HALTED").counter().count())
                    .isZero();
            awaitActiveFleets(meters, "RUNNING", 0);
            assertThat(completed.get("bakeTime").asText()).isEqualTo("PT2S");
            assertThat(completed.get("nextWaveAt")).as("no wave due once the fleet ended").isNull();
            JsonNode first = member(completed, waves.get(0));
            JsonNode second = member(completed, waves.get(1));
            assertThat(first.get("wave").asInt()).isEqualTo(1);
            assertThat(second.get("wave").asInt()).isEqualTo(2);
            assertThat(Instant.parse(second.get("releasedAt").asText()))
                    .as("the second wave starts when the first completed and baked for two seconds")
                    .isEqualTo(Instant.parse(first.get("endedAt").asText()).plusSeconds(2));
            for (String tenant : registered) {
                assertThat(member(completed, tenant).get("outcome").asText()).isEqualTo("COMPLETED");
                assertThat(completed.at("/rollouts/" + tenant + "/status").asText()).isEqualTo("COMPLETED");
                assertThat(completed.at("/rollouts/" + tenant + "/share").asDouble()).isEqualTo(1.0);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(app.as(AUDITOR)
                        .get("/api/v1/tenants/" + tenant + "/ensemble-policy").json()
                        .at("/policy/treatment/strategies/rag-grounding/groundedThreshold").asDouble())
                        .as("the candidate is the live policy of " + tenant).isEqualTo(0.4));
            }
        }
    }

    @Test
    void anApprovedFleetRolloutStartsARolloutOnEachTenantAndHaltsWhenOneDoesNotComplete() {
        String first = tenantWithLivePolicy();
        String second = tenantWithLivePolicy();
        String id = fleet.requestId(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, HOLDING_PLAN,
                List.of(first, second), null));

        assertProblem(fleet.act(OPERATOR, id, "approval"), 403, "forbidden", null);
        JsonNode pending = fleet.awaitStatus(AUDITOR, id, "PENDING_APPROVAL");
        assertThat(pending.get("tenants")).extracting(JsonNode::asText).containsExactly(first, second);
        assertThat(pending.get("waveSize").asInt()).isEqualTo(2);
        assertThat(pending.get("members")).isEmpty();
        assertThat(fleet.acted(APPROVER, id, "approval").get("status").asText()).isEqualTo("RUNNING");

        String firstRollout = FleetRolloutId.of(id).memberRolloutId(TenantId.of(first)).value();
        String secondRollout = FleetRolloutId.of(id).memberRolloutId(TenantId.of(second)).value();
        for (String[] tenantAndRollout : new String[][] {{first, firstRollout}, {second, secondRollout}}) {
            JsonNode running = new RolloutApi(this::as, tenantAndRollout[0])
                    .awaitStatus(AUDITOR, tenantAndRollout[1], "RUNNING");
            assertThat(running.get("requestedBy").asText()).as("the fleet's requester").isEqualTo(OPERATOR);
            assertThat(running.get("approvedBy").asText()).as("the fleet's approver").isEqualTo(APPROVER);
            assertThat(running.get("share").asDouble()).isEqualTo(0.5);
        }
        JsonNode started = fleet.awaitView(AUDITOR, id, Duration.ofSeconds(30),
                view -> fleetAndMembersAre(view, "RUNNING", "RUNNING", List.of(first, second)));
        assertThat(started.get("approvedBy").asText()).isEqualTo(APPROVER);
        assertThat(member(started, first).get("rolloutId").asText()).isEqualTo(firstRollout);
        assertThat(member(started, second).get("wave").asInt()).isEqualTo(1);
        assertThat(started.at("/rollouts/" + first + "/href").asText())
                .isEqualTo("/api/v1/tenants/" + first + "/rollouts/" + firstRollout);
        assertThat(started.at("/links/abort").asText()).isEqualTo(FleetRolloutApi.BASE + "/" + id + "/abort");
        assertThat(new RolloutApi(this::as, first).acted(OPERATOR, firstRollout, "abort").get("status").asText())
                .isEqualTo("ABORTED");

        JsonNode halted = fleet.awaitView(AUDITOR, id, Duration.ofSeconds(30),
                view -> view.get("status").asText().equals("HALTED")
                        && member(view, second).hasNonNull("outcome"));
        assertThat(halted.get("endReason").asText()).contains(first).contains("ABORTED");
        assertThat(member(halted, first).get("outcome").asText()).isEqualTo("ABORTED");
        assertThat(member(halted, first).get("outcomeReason").asText()).startsWith("aborted by " + OPERATOR);
        assertThat(member(halted, second).get("outcome").asText()).isEqualTo("ABORTED");
        assertThat(halted.get("links").has("abort")).as("a halted fleet rollout is over").isFalse();
        JsonNode stopped = new RolloutApi(this::as, second).awaitStatus(AUDITOR, secondRollout, "ABORTED");
        assertThat(stopped.get("endedBy").asText()).isEqualTo(FleetRolloutSaga.ACTOR);
        assertThat(stopped.get("endReason").asText()).contains(id).contains("halted");
        assertThat(as(AUDITOR).get(FleetRolloutApi.BASE).json().get("rollouts").findValuesAsText("fleetRolloutId"))
                .contains(id);
    }

    @Test
    void anOperatorPausesAndResumesEveryTenantsRolloutAtOnce() {
        String first = tenantWithLivePolicy();
        String second = tenantWithLivePolicy();
        String id = runningFleetRollout(first, second);

        assertProblem(fleet.act(APPROVER, id, "pause"), 403, "forbidden", null);
        JsonNode paused = fleet.acted(OPERATOR, id, "pause");
        assertThat(paused.get("status").asText()).isEqualTo("PAUSED");
        assertThat(paused.at("/links/resume").asText()).isEqualTo(FleetRolloutApi.BASE + "/" + id + "/resume");
        assertProblem(fleet.act(OPERATOR, id, "pause"), 409, "rollout-wrong-state", null);
        fleet.awaitView(AUDITOR, id, Duration.ofSeconds(30),
                view -> fleetAndMembersAre(view, "PAUSED", "PAUSED", List.of(first, second)));

        assertThat(fleet.acted(OPERATOR, id, "resume").get("status").asText()).isEqualTo("RUNNING");
        JsonNode resumed = fleet.awaitView(AUDITOR, id, Duration.ofSeconds(30),
                view -> fleetAndMembersAre(view, "RUNNING", "RUNNING", List.of(first, second)));
        assertThat(resumed.get("members")).allSatisfy(member -> assertThat(member.hasNonNull("outcome")).isFalse());
        assertThat(fleet.acted(OPERATOR, id, "abort").get("status").asText()).isEqualTo("ABORTED");
    }

    @Test
    void aMemberPausedOnItsOwnStaysPausedWhenTheFleetResumes() {
        String first = tenantWithLivePolicy();
        String second = tenantWithLivePolicy();
        String id = runningFleetRollout(first, second);
        RolloutApi firstTenant = new RolloutApi(this::as, first);
        String firstRollout = FleetRolloutId.of(id).memberRolloutId(TenantId.of(first)).value();
        assertThat(firstTenant.acted(OPERATOR, firstRollout, "pause").get("status").asText()).isEqualTo("PAUSED");

        fleet.acted(OPERATOR, id, "pause");
        fleet.awaitView(AUDITOR, id, Duration.ofSeconds(30),
                view -> fleetAndMembersAre(view, "PAUSED", "PAUSED", List.of(first, second)));
        fleet.acted(OPERATOR, id, "resume");
        JsonNode resumed = fleet.awaitView(AUDITOR, id, Duration.ofSeconds(30),
                view -> fleetAndMembersAre(view, "RUNNING", "RUNNING", List.of(second)));
        assertThat(resumed.at("/rollouts/" + first + "/status").asText())
                .as("paused on its own before the fleet paused").isEqualTo("PAUSED");
        // the saga resumes the members in the fleet's tenant order, so a resume of the first would be recorded by now
        assertThat(eventsMentioning("$RolloutResumed", firstRollout)).isZero();

        assertThat(firstTenant.acted(OPERATOR, firstRollout, "resume").get("status").asText()).isEqualTo("RUNNING");
        fleet.awaitView(AUDITOR, id, Duration.ofSeconds(30),
                view -> fleetAndMembersAre(view, "RUNNING", "RUNNING", List.of(first, second)));
        assertThat(fleet.acted(OPERATOR, id, "abort").get("status").asText()).isEqualTo("ABORTED");
    }

    @Test
    void aLaterWaveWaitsForTheOneBeforeAndAnAbortedFleetRolloutNeverReachesIt() {
        String first = tenantWithLivePolicy();
        String second = tenantWithLivePolicy();
        String third = tenantWithLivePolicy();
        String id = fleet.requestId(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, HOLDING_PLAN,
                List.of(first, second, third), 1));
        fleet.acted(APPROVER, id, "approval");
        String firstRollout = FleetRolloutId.of(id).memberRolloutId(TenantId.of(first)).value();
        new RolloutApi(this::as, first).awaitStatus(AUDITOR, firstRollout, "RUNNING");
        JsonNode firstWave = fleet.awaitView(AUDITOR, id, Duration.ofSeconds(30),
                view -> view.get("members").size() == 1);
        assertThat(firstWave.get("waves").asInt()).isEqualTo(1);
        assertThat(member(firstWave, first).get("wave").asInt()).isEqualTo(1);

        assertThat(fleet.acted(OPERATOR, id, "abort").get("status").asText()).isEqualTo("ABORTED");
        JsonNode aborted = new RolloutApi(this::as, first).awaitStatus(AUDITOR, firstRollout, "ABORTED");
        assertThat(aborted.get("endedBy").asText()).isEqualTo(FleetRolloutSaga.ACTOR);
        JsonNode over = fleet.awaitView(AUDITOR, id, Duration.ofSeconds(30),
                view -> member(view, first).hasNonNull("outcome"));
        assertThat(over.get("status").asText()).isEqualTo("ABORTED");
        assertThat(over.get("endedBy").asText()).isEqualTo(OPERATOR);
        assertThat(over.get("members")).hasSize(1);
        new RolloutApi(this::as, second).assertNothingRecorded();
        new RolloutApi(this::as, third).assertNothingRecorded();
        assertProblem(fleet.act(OPERATOR, id, "abort"), 409, "rollout-wrong-state", null);
    }

    @Test
    void aFleetRolloutIsRejectedOrWithdrawnBeforeItStarts() {
        String tenant = tenantWithLivePolicy();
        String rejected = fleet.requestId(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, null, List.of(tenant), null));
        assertThat(fleet.acted(APPROVER, rejected, "rejection").get("status").asText()).isEqualTo("REJECTED");
        assertProblem(fleet.act(APPROVER, rejected, "approval"), 409, "rollout-wrong-state", null);
        // the tenant is free for another fleet rollout once the read model shows this one ended
        fleet.awaitStatus(AUDITOR, rejected, "REJECTED");
        String withdrawn = fleet.requestId(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, null, List.of(tenant), null));
        assertThat(fleet.acted(OPERATOR, withdrawn, "abort").get("status").asText()).isEqualTo("ABORTED");
        fleet.awaitStatus(AUDITOR, withdrawn, "ABORTED");
        new RolloutApi(this::as, tenant).assertNothingRecorded();
    }

    @Test
    void badInputNamesTheFieldAndRecordsNothing() {
        String tenant = tenantWithLivePolicy();
        String busy = tenantWithLivePolicy();
        RolloutApi busyRollouts = new RolloutApi(this::as, busy);
        String running = busyRollouts.requestId(OPERATOR, RolloutApi.policyRollout(CANDIDATE_POLICY, HOLDING_PLAN));
        busyRollouts.awaitStatus(AUDITOR, running, "PENDING_APPROVAL");
        String inAFleet = tenantWithLivePolicy();
        String pendingFleet = fleet.requestId(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, null, List.of(inAFleet),
                null));
        fleet.awaitStatus(AUDITOR, pendingFleet, "PENDING_APPROVAL");

        assertProblem(fleet.request(OPERATOR, """
                {"component":"HRS_MODEL","modelVersion":"hrs-0123456789abcdef","tenants":["%s"],"reason":"r"}
                """.formatted(tenant)), 400, "invalid-field", "component");
        assertProblem(fleet.request(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, null, List.of(), null)),
                400, "invalid-field", "tenants");
        assertProblem(fleet.request(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, null,
                List.of(tenant, "t-never-registered"), null)), 422, "unknown-tenant", "tenants[1]");
        assertProblem(fleet.request(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, null,
                List.of(tenant, tenant), null)), 400, "invalid-field", "tenants[1]");
        assertProblem(fleet.request(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, null,
                List.of(tenant, busy), null)), 409, "rollout-in-progress", "tenants[1]");
        assertProblem(fleet.request(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, null,
                List.of(tenant, inAFleet), null)), 409, "rollout-in-progress", "tenants[1]");
        assertProblem(fleet.request(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, null, List.of(tenant), 0)),
                400, "invalid-field", "waveSize");
        for (String bakeTime : List.of("P8D", "-PT1S")) {
            assertProblem(fleet.request(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, null, List.of(tenant), null,
                    bakeTime)), 400, "invalid-field", "bakeTime");
        }
        assertProblem(fleet.request(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, null, List.of(tenant), null,
                "soon")), 400, "wrong-type", "bakeTime");
        assertProblem(fleet.request(OPERATOR, policyFleetRollout(CANDIDATE_POLICY,
                "{\"minStep\":0.5,\"maxStep\":0.2}", List.of(tenant), null)), 400, "invalid-field", "plan.minStep");
        assertProblem(fleet.request(OPERATOR, policyFleetRollout(CANDIDATE_POLICY.replaceFirst("\"quorum\":1",
                "\"quorum\":3"), null, List.of(tenant), null)), 400, "invalid-field", "policy.treatment.quorum");
        assertProblem(fleet.request(TENANT_ACME, policyFleetRollout(CANDIDATE_POLICY, null, List.of(tenant),
                null)), 403, "forbidden", null);
        assertProblem(fleet.request(APPROVER, policyFleetRollout(CANDIDATE_POLICY, null, List.of(tenant), null)),
                403, "forbidden", null);

        assertThat(eventsMentioning("FleetRolloutRequested", tenant)).as("fleet rollouts recorded").isZero();
        new RolloutApi(this::as, tenant).assertNothingRecorded();
        assertProblem(fleet.get(AUDITOR, "fro-00000000-0000-0000-0000-000000000000"), 404,
                "fleet-rollout-not-found", "fleetRolloutId");
        assertProblem(fleet.act(APPROVER, "fro-00000000-0000-0000-0000-000000000000", "approval"), 404,
                "fleet-rollout-not-found", "fleetRolloutId");
        assertProblem(fleet.get(AUDITOR, "not-an-id"), 400, "invalid-field", "fleetRolloutId");
        assertProblem(as(TENANT_ACME).get(FleetRolloutApi.BASE), 403, "forbidden", null);
    }

    /** A fleet rollout of the two tenants in one wave, approved, both members running and holding their step. */
    private String runningFleetRollout(String first, String second) {
        String id = fleet.requestId(OPERATOR, policyFleetRollout(CANDIDATE_POLICY, HOLDING_PLAN,
                List.of(first, second), null));
        fleet.acted(APPROVER, id, "approval");
        fleet.awaitView(AUDITOR, id, Duration.ofSeconds(30),
                view -> fleetAndMembersAre(view, "RUNNING", "RUNNING", List.of(first, second)));
        return id;
    }

    /**
     * The fleet's own status and its members' rollout statuses come from two read models, each
     * with its own processor, so either may show a change first: wait for both.
     */
    private static boolean fleetAndMembersAre(JsonNode view, String fleetStatus, String memberStatus,
                                              List<String> tenants) {
        return view.get("status").asText().equals(fleetStatus) && tenants.stream()
                .allMatch(tenant -> view.at("/rollouts/" + tenant + "/status").asText().equals(memberStatus));
    }

    private String tenantWithLivePolicy() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        new RolloutApi(this::as, tenant).defineLivePolicy(OPERATOR);
        return tenant;
    }

    /** The fleet rollouts gauge refreshes on a schedule. */
    private static void awaitActiveFleets(MeterRegistry meters, String status, double expected) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(meters.find("flk.fleet.rollouts.active").tag("status", status).gauge())
                        .isNotNull().satisfies(gauge -> assertThat(gauge.value()).isEqualTo(expected)));
    }
}
