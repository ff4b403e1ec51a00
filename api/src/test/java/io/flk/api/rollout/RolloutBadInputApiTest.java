package io.flk.api.rollout;

import static org.awaitility.Awaitility.await;
import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.api.testing.RolloutApi.CANDIDATE_POLICY;
import static io.flk.api.testing.RolloutApi.modelRollout;
import static io.flk.api.testing.RolloutApi.policyRollout;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HrsApi;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.RecordedTasks;
import io.flk.api.testing.RolloutApi;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.hrs.TrainingRow;
import io.flk.domain.hrs.training.SyntheticHrsData;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rollout requests and commands the API refuses: a problem naming the field, and nothing approved or started.
 * Refusals of the request itself record nothing at all; refusals of the lane (a rollout already in progress, a
 * command in the wrong state) are recorded for the audit and start nothing.
 */
class RolloutBadInputApiTest extends ApiTestSupport {

    private static final String UNREGISTERED = "hrs-0123456789abcdef";

    @Autowired
    private EventGateway events;

    @Test
    void aRolloutForAnUnknownTenantIsRefused() {
        String tenant = uniqueTenantId();
        RolloutApi rollouts = new RolloutApi(this::as, tenant);

        assertProblem(rollouts.request(OPERATOR, policyRollout(CANDIDATE_POLICY, null)), 422, "unknown-tenant",
                "tenantId");
        rollouts.assertNothingRecorded();
    }

    @Test
    void anUnregisteredModelVersionIsNotFound() {
        RolloutApi rollouts = tenantApi();

        assertProblem(rollouts.request(OPERATOR, modelRollout(UNREGISTERED, null)), 404,
                "model-version-not-registered", "modelVersion");
        rollouts.assertNothingRecorded();
    }

    @Test
    void anotherTenantsVersionIsNotFoundAndAnIneligibleOneIsRefused() {
        String owner = uniqueTenantId();
        String other = uniqueTenantId();
        ensureTenant(owner, "PT4H");
        ensureTenant(other, "PT4H");
        String ineligible = trainOnLabelsTheFeaturesDoNotPredict(owner);

        assertProblem(new RolloutApi(this::as, other).request(OPERATOR, modelRollout(ineligible, null)), 404,
                "model-version-not-registered", "modelVersion");
        HttpJson.Response refused = new RolloutApi(this::as, owner).request(OPERATOR, modelRollout(ineligible, null));
        assertProblem(refused, 422, "model-version-not-eligible", "modelVersion");
        assertThat(refused.json().get("detail").asText()).contains(ineligible).contains("ROC AUC");
        new RolloutApi(this::as, owner).assertNothingRecorded();
        new RolloutApi(this::as, other).assertNothingRecorded();
    }

    @Test
    void impossiblePlanBoundsAreRefusedNamingTheirField() {
        RolloutApi rollouts = tenantApi();

        assertPlanRefused(rollouts, "{\"minStep\":0.3,\"maxStep\":0.1}", "plan.minStep");
        assertPlanRefused(rollouts, "{\"alpha\":0}", "plan.alpha");
        assertPlanRefused(rollouts, "{\"errorBudget\":{\"fastBurnRate\":6,\"slowBurnRate\":6}}",
                "plan.errorBudget.fastBurnRate");
        assertPlanRefused(rollouts, "{\"latency\":{\"maxP95Ratio\":0.5}}", "plan.latency.maxP95Ratio");
        assertPlanRefused(rollouts, "{\"checkInterval\":\"PT1M\",\"maxStepDuration\":\"PT30S\"}",
                "plan.maxStepDuration");
        assertPlanRefused(rollouts, "{\"priority\":[\"LATENCY\",\"LATENCY\"]}", "plan.priority");
        assertPlanRefused(rollouts, "{\"priority\":[\"LATENCY\",null]}", "plan.priority");
        assertPlanRefused(rollouts, """
                {"latency":{"enabled":false},"errorBudget":{"enabled":false},"containment":{"enabled":false},
                 "cost":{"enabled":false}}""", "plan.gates");
        assertProblem(rollouts.request(OPERATOR, policyRollout(CANDIDATE_POLICY, "{\"combination\":\"ANY_OF\"}")), 400,
                "invalid-field", "plan.combination");
        assertProblem(rollouts.request(OPERATOR, policyRollout(CANDIDATE_POLICY, "{\"minStep\":\"big\"}")), 400,
                "wrong-type", "plan.minStep");
        rollouts.assertNothingRecorded();
    }

    @Test
    void anInvalidTargetIsRefusedNamingItsField() {
        RolloutApi rollouts = tenantApi();
        String quorumAboveWeight = CANDIDATE_POLICY.replaceFirst("\"quorum\":1", "\"quorum\":3");

        assertProblem(rollouts.request(OPERATOR, policyRollout(quorumAboveWeight, null)), 400, "invalid-field",
                "policy.treatment.quorum");
        assertProblem(rollouts.request(OPERATOR, policyRollout(CANDIDATE_POLICY.replace("\"controlShare\":0",
                "\"controlShare\":0.9"), null)), 400, "invalid-field", "policy.controlShare");
        assertProblem(rollouts.request(OPERATOR, policyRollout(CANDIDATE_POLICY.replace("\"controlShare\":0",
                "\"controlShare\":0,\"reason\":\"here\""), null)), 400, "invalid-field", "policy.reason");
        assertProblem(rollouts.request(OPERATOR, """
                {"component":"ENSEMBLE_POLICY","reason":"no candidate"}"""), 400, "invalid-field", "policy");
        assertProblem(rollouts.request(OPERATOR, """
                {"component":"HRS_MODEL","reason":"no version"}"""), 400, "invalid-field", "modelVersion");
        assertProblem(rollouts.request(OPERATOR, """
                {"component":"HRS_MODEL","modelVersion":"%s","policy":%s,"reason":"both"}"""
                .formatted(UNREGISTERED, CANDIDATE_POLICY)), 400, "invalid-field", "policy");
        assertProblem(rollouts.request(OPERATOR, """
                {"component":"BUDGET","reason":"no such component"}"""), 400, "invalid-field", "component");
        assertProblem(rollouts.request(OPERATOR, """
                {"modelVersion":"%s","reason":"no component"}""".formatted(UNREGISTERED)), 400, "invalid-field",
                "component");
        assertProblem(rollouts.request(OPERATOR, """
                {"component":"ENSEMBLE_POLICY","policy":%s}""".formatted(CANDIDATE_POLICY)), 400, "invalid-field",
                "reason");
        rollouts.assertNothingRecorded();
    }

    @Test
    void aSecondRolloutOfTheSameComponentIsRefusedWhileTheFirstIsPending() {
        RolloutApi rollouts = tenantApi();
        String first = rollouts.requestId(OPERATOR, policyRollout(CANDIDATE_POLICY, null));

        HttpJson.Response second = rollouts.request(OPERATOR, policyRollout(CANDIDATE_POLICY, null));

        assertProblem(second, 409, "rollout-in-progress", "component");
        assertThat(second.json().get("detail").asText()).contains(first);
        assertThat(eventsMentioning("RolloutRefused", first)).as("the refusal names the active rollout").isOne();
        assertThat(rollouts.awaitStatus(AUDITOR, first, "PENDING_APPROVAL").get("requestedBy").asText())
                .isEqualTo(OPERATOR);
        rollouts.assertNothingStarted();
    }

    @Test
    void onlyAnApproverApprovesAndCommandsInTheWrongStateAreRefused() {
        RolloutApi rollouts = tenantApi();
        String rolloutId = rollouts.requestId(OPERATOR, policyRollout(CANDIDATE_POLICY, null));

        assertProblem(rollouts.act(OPERATOR, rolloutId, "approval"), 403, "forbidden", null);
        assertProblem(rollouts.act(AUDITOR, rolloutId, "approval"), 403, "forbidden", null);
        assertProblem(rollouts.act(APPROVER, rolloutId, "pause"), 403, "forbidden", null);
        assertProblem(rollouts.act(OPERATOR, rolloutId, "pause"), 409, "rollout-wrong-state", null);
        assertProblem(rollouts.act(OPERATOR, rolloutId, "resume"), 409, "rollout-wrong-state", null);
        rollouts.assertNothingStarted();

        assertThat(rollouts.acted(OPERATOR, rolloutId, "rejection").get("status").asText()).isEqualTo("REJECTED");
        assertProblem(rollouts.act(APPROVER, rolloutId, "approval"), 409, "rollout-wrong-state", null);
        rollouts.assertNothingStarted();
    }

    @Test
    void aSuspendedTenantsRolloutCannotStartButCanBeTurnedDown() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        RolloutApi rollouts = new RolloutApi(this::as, tenant);
        String rolloutId = rollouts.requestId(OPERATOR, policyRollout(CANDIDATE_POLICY, null));
        assertThat(as(OPERATOR).post("/api/v1/tenants/" + tenant + "/suspension", "{\"reason\":\"fraud review\"}")
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                as(OPERATOR).get("/api/v1/tenants/" + tenant).json().path("status").asText().equals("SUSPENDED"));

        assertProblem(rollouts.act(APPROVER, rolloutId, "approval"), 409, "tenant-suspended", "tenantId");
        assertProblem(rollouts.request(OPERATOR, policyRollout(CANDIDATE_POLICY, null)), 409, "tenant-suspended",
                "tenantId");
        assertThat(rollouts.acted(OPERATOR, rolloutId, "rejection").get("status").asText()).isEqualTo("REJECTED");
        rollouts.assertNothingStarted();
    }

    @Test
    void anUnknownOrMalformedRolloutIdIsRefused() {
        RolloutApi rollouts = tenantApi();
        String unknown = RolloutId.random().value();

        assertProblem(rollouts.act(OPERATOR, unknown, "pause"), 404, "rollout-not-found", "rolloutId");
        assertProblem(rollouts.act(APPROVER, unknown, "approval"), 404, "rollout-not-found", "rolloutId");
        assertProblem(rollouts.get(AUDITOR, unknown), 404, "rollout-not-found", "rolloutId");
        assertProblem(as(AUDITOR).get(rollouts.base() + "/" + unknown + "/decisions"), 404, "rollout-not-found",
                "rolloutId");
        assertProblem(rollouts.act(OPERATOR, "not-a-rollout", "abort"), 400, "invalid-field", "rolloutId");
        assertProblem(rollouts.get(AUDITOR, "not-a-rollout"), 400, "invalid-field", "rolloutId");
        rollouts.assertNothingRecorded();
    }

    @Test
    void aRolloutOfAnotherTenantIsNotFound() {
        RolloutApi owner = tenantApi();
        RolloutApi other = tenantApi();
        String rolloutId = owner.requestId(OPERATOR, policyRollout(CANDIDATE_POLICY, null));
        owner.awaitStatus(AUDITOR, rolloutId, "PENDING_APPROVAL");

        assertProblem(other.act(APPROVER, rolloutId, "approval"), 404, "rollout-not-found", "rolloutId");
        assertProblem(other.get(AUDITOR, rolloutId), 404, "rollout-not-found", "rolloutId");
        other.assertNothingRecorded();
        owner.assertNothingStarted();
    }

    @Test
    void rolesAndTenantsAreEnforced() {
        ensureTenant("acme", "PT4H");
        ensureTenant("globex", "PT4H");
        RolloutApi acme = new RolloutApi(this::as, "acme");
        String body = policyRollout(CANDIDATE_POLICY, null);

        assertProblem(acme.request(TENANT_ACME, body), 403, "forbidden", null);
        assertProblem(acme.request(AUDITOR, body), 403, "forbidden", null);
        assertProblem(acme.request(APPROVER, body), 403, "forbidden", null);
        assertThat(as(TENANT_ACME).get(acme.base()).status()).isEqualTo(200);
        assertProblem(as(TENANT_GLOBEX).get(acme.base()), 403, "forbidden", "tenantId");
        assertProblem(as(TENANT_GLOBEX).get(acme.base() + "/" + RolloutId.random().value()), 403, "forbidden",
                "tenantId");
        assertProblem(as(TENANT_ACME).post(acme.base() + "/" + RolloutId.random().value() + "/abort",
                "{\"reason\":\"r\"}"), 403, "forbidden", null);
        assertProblem(anonymous().get(acme.base()), 401, "unauthenticated", null);
        acme.assertNothingStarted();
    }

    private void assertPlanRefused(RolloutApi rollouts, String plan, String field) {
        assertProblem(rollouts.request(OPERATOR, policyRollout(CANDIDATE_POLICY, plan)), 400, "invalid-field", field);
    }

    private RolloutApi tenantApi() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        return new RolloutApi(this::as, tenant);
    }

    /**
     * A registered version whose offline ROC AUC is near 0.5: the features are the synthetic generator's, the
     * labels a coin flip, so no candidate can rank them and the version fails the 0.85 gate.
     */
    private String trainOnLabelsTheFeaturesDoNotPredict(String tenant) {
        Instant now = Instant.now();
        Instant at = now.minus(Duration.ofHours(1));
        Random coin = new Random(17);
        List<Object> batch = new ArrayList<>();
        for (TrainingRow row : SyntheticHrsData.rows(600, 3)) {
            String taskId = "coin-" + row.taskId();
            batch.addAll(RecordedTasks.verifiedThenLabelled(
                    new TaskVerified(TenantId.of(tenant), taskId, "gpt-4o", 0, false, Decision.PASS, 0.1, List.of(),
                            Map.of(), row.features(), 0.001, 0, null, 1_000, at, null, Map.of()),
                    new TaskLabelled(TenantId.of(tenant), taskId,
                            coin.nextDouble() < 0.3 ? Verdict.HALLUCINATION : Verdict.GROUNDED, LabelSource.REVIEW,
                            null, "reviewer", 2.0, at.plusSeconds(60))));
        }
        events.publish(batch);
        HrsApi hrs = new HrsApi(this::as, tenant);
        hrs.awaitTrainingSet(AUDITOR, now.minus(Duration.ofDays(1)), now, 600);
        return hrs.trainAndAwait(OPERATOR, 42, now.minus(Duration.ofDays(1)), now);
    }
}
