package io.flk.api.hrs;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HrsApi;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.RecordedTasks;
import io.flk.api.verification.VerificationController;
import io.flk.api.verification.VerificationRequests;
import io.flk.domain.escalation.Verdict;
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
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Requests the HRS lifecycle refuses: a clear problem naming the field, and no training, version or routing. */
class HrsBadInputApiTest extends ApiTestSupport {

    private static final String BOTH = "[\"logistic-regression\",\"gradient-boosted-trees\"]";

    @Autowired
    private EventGateway events;

    private final Instant now = Instant.now();

    @Test
    void trainingOnAnEmptyWindowIsRefused() {
        HrsApi hrs = tenantApi();

        assertProblem(as(OPERATOR).post(hrs.base() + "/trainings", window(BOTH)), 400, "invalid-field", "window");
        hrs.assertNothingTrainedOrRegistered();
    }

    @Test
    void trainingOnASingleClassWindowIsRefused() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        HrsApi hrs = new HrsApi(this::as, tenant);
        publish(tenant, 60, index -> Map.of("x", (double) index), false);
        hrs.awaitTrainingSet(AUDITOR, now.minus(Duration.ofDays(1)), now, 60);

        HttpJson.Response refused = as(OPERATOR).post(hrs.base() + "/trainings", window(BOTH));

        assertProblem(refused, 400, "invalid-field", "window");
        assertThat(refused.json().get("detail").asText()).containsIgnoringCase("class");
        hrs.assertNothingTrainedOrRegistered();
    }

    @Test
    void trainingOnAWindowWithNanFeaturesIsRefused() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        HrsApi hrs = new HrsApi(this::as, tenant);
        publish(tenant, 60, index -> Map.of("x", index == 7 ? Double.NaN : index), true);
        hrs.awaitTrainingSet(AUDITOR, now.minus(Duration.ofDays(1)), now, 60);

        HttpJson.Response refused = as(OPERATOR).post(hrs.base() + "/trainings", window(BOTH));

        assertProblem(refused, 400, "invalid-field", "window");
        assertThat(refused.json().get("detail").asText()).contains("NaN");
        assertThat(as(AUDITOR).get(hrs.base() + "/training-set?windowFrom=" + now.minus(Duration.ofDays(1))
                + "&windowTo=" + now).json().get("nanRows").asInt()).isEqualTo(1);
        hrs.assertNothingTrainedOrRegistered();
    }

    @Test
    void unknownOrUnavailableCandidatesAreRefusedByPosition() {
        HrsApi hrs = tenantApi();

        assertProblem(as(OPERATOR).post(hrs.base() + "/trainings", window("[\"logistic-regression\",\"svm\"]")),
                400, "invalid-field", "candidates[1]");
        HttpJson.Response mlp = as(OPERATOR).post(hrs.base() + "/trainings", window("[\"mlp\"]"));
        assertThat(mlp.status()).isEqualTo(400);
        assertThat(mlp.problemField()).startsWith("candidates");
        assertThat(mlp.json().get("detail").asText()).contains("mlp").contains("TensorFlow");
        hrs.assertNothingTrainedOrRegistered();
    }

    @Test
    void windowsThatEndBeforeTheyStartOrLieInTheFutureAreRefused() {
        HrsApi hrs = tenantApi();

        assertProblem(as(OPERATOR).post(hrs.base() + "/trainings",
                HrsApi.trainingRequest(now, now.minusSeconds(60), 1, BOTH)), 400, "invalid-field", "windowFrom");
        assertProblem(as(OPERATOR).post(hrs.base() + "/trainings",
                        HrsApi.trainingRequest(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)), 1, BOTH)),
                400, "invalid-field", "windowFrom");
        assertProblem(as(OPERATOR).post(hrs.base() + "/trainings", "{\"windowFrom\":\"" + now + "\",\"seed\":1}"),
                400, "invalid-field", "windowTo");
        hrs.assertNothingTrainedOrRegistered();
    }

    @Test
    void aCardForAMissingVersionIsNotFound() {
        HrsApi hrs = tenantApi();

        assertProblem(as(AUDITOR).get(hrs.base() + "/versions/hrs-0123456789abcdef/card"), 404,
                "model-version-not-registered", "version");
    }

    @Test
    void promotingAnUnregisteredVersionIsRefusedAndRoutesNothing() {
        HrsApi hrs = tenantApi();

        assertProblem(hrs.requestPromotion(OPERATOR, "hrs-0123456789abcdef", "CHAMPION", null), 404,
                "model-version-not-registered", "modelVersion");
        assertThat(as(AUDITOR).get(hrs.base() + "/routing").json().get("routing").hasNonNull("champion")).isFalse();
        assertThat(as(AUDITOR).get(hrs.base() + "/promotions").json().get("requests")).isEmpty();
    }

    @Test
    void rolesAndTenantsAreEnforced() {
        ensureTenant("acme", "PT4H");
        ensureTenant("globex", "PT4H");
        String acme = "/api/v1/tenants/acme/hrs";

        assertProblem(as(TENANT_ACME).post(acme + "/trainings", window(BOTH)), 403, "forbidden", null);
        assertProblem(as(AUDITOR).post(acme + "/trainings", window(BOTH)), 403, "forbidden", null);
        assertProblem(as(AUDITOR).post(acme + "/promotions", "{\"modelVersion\":\"v\",\"target\":\"CHAMPION\","
                + "\"reason\":\"r\"}"), 403, "forbidden", null);
        assertProblem(as(APPROVER).post(acme + "/rollback", "{\"reason\":\"r\"}"), 403, "forbidden", null);
        assertProblem(as(TENANT_ACME).post(acme + "/rollback", "{\"reason\":\"r\"}"), 403, "forbidden", null);
        assertThat(as(TENANT_ACME).get(acme + "/versions").status()).isEqualTo(200);
        assertThat(as(TENANT_ACME).get(acme + "/routing").status()).isEqualTo(200);
        assertProblem(as(TENANT_GLOBEX).get(acme + "/versions"), 403, "forbidden", "tenantId");
        assertProblem(as(TENANT_ACME).get(acme + "/promotions"), 403, "forbidden", null);
        assertProblem(as(TENANT_ACME).get(acme + "/training-set?windowFrom=" + now.minusSeconds(60) + "&windowTo="
                + now), 403, "forbidden", null);
    }

    @Test
    void onlyAnOperatorPinsAnHrsVersionAndOnlyAServableOne() {
        ensureTenant("acme", "PT4H");
        String request = VerificationRequests.verification("acme", "pin-1", VerificationRequests.GROUNDED);

        assertProblem(as(TENANT_ACME).header(VerificationController.MODEL_VERSION_HEADER, "hrs-0123456789abcdef")
                .post("/api/v1/verifications", request), 403, "forbidden", VerificationController.MODEL_VERSION_HEADER);
        assertProblem(as(OPERATOR).header(VerificationController.MODEL_VERSION_HEADER, "hrs-0123456789abcdef")
                        .post("/api/v1/verifications", request), 422, "hrs-version-not-servable",
                VerificationController.MODEL_VERSION_HEADER);
        assertThat(as(OPERATOR).post("/api/v1/verifications", request).status())
                .as("the refused pins recorded nothing: the task id is still free").isIn(200, 202);
    }

    private HrsApi tenantApi() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        return new HrsApi(this::as, tenant);
    }

    private String window(String candidates) {
        return HrsApi.trainingRequest(now.minus(Duration.ofDays(1)), now, 1, candidates);
    }

    private interface Features {
        Map<String, Double> of(int index);
    }

    /** Labelled tasks, hallucinated every third one when {@code bothClasses}, otherwise all grounded. */
    private void publish(String tenant, int count, Features features, boolean bothClasses) {
        List<Object> batch = new ArrayList<>();
        Instant at = now.minus(Duration.ofHours(1));
        for (int i = 0; i < count; i++) {
            String taskId = "bad-" + i;
            Verdict verdict = bothClasses && i % 3 == 0 ? Verdict.HALLUCINATION : Verdict.GROUNDED;
            batch.addAll(RecordedTasks.verifiedThenLabelled(
                    new TaskVerified(TenantId.of(tenant), taskId, "gpt-4o", 0, false, Decision.PASS, 0.1, List.of(),
                            Map.of(), features.of(i), 0.001, 0, null, 1_000, at, null, Map.of()),
                    new TaskLabelled(TenantId.of(tenant), taskId, verdict, LabelSource.REVIEW, null, "reviewer", 2.0,
                            at.plusSeconds(30))));
        }
        events.publish(batch);
    }
}
