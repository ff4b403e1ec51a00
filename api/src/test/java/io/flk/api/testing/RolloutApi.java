package io.flk.api.testing;

import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.api.testing.ApiAssertions.eventsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutLaneId;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.util.function.Function;

/** The rollout endpoints' HTTP calls as the tests make them. */
public final class RolloutApi {

    /**
     * The live policy a policy rollout starts from: rag-grounding alone, every task in the treatment group, with a
     * timeout no test machine's pauses reach, so that no task is bad by a timed-out vote.
     */
    public static final String LIVE_POLICY = """
            {"treatment":{"strategies":{"rag-grounding":{"weight":1,"groundedThreshold":0.5,"timeoutMillis":5000,
              "onFailure":"FAIL_CLOSED"}},"quorum":1,"escalateAtRisk":0.9},
             "baseline":{"strategies":{"rag-grounding":{"weight":1,"groundedThreshold":0.5,"timeoutMillis":5000,
              "onFailure":"FAIL_CLOSED"}},"quorum":1,"escalateAtRisk":0.9},
             "controlShare":0,"reason":"the policy before the rollout"}
            """;

    /** A candidate that differs from {@link #LIVE_POLICY} only by a lower grounded threshold. */
    public static final String CANDIDATE_POLICY = """
            {"treatment":{"strategies":{"rag-grounding":{"weight":1,"groundedThreshold":0.4,"timeoutMillis":5000,
              "onFailure":"FAIL_CLOSED"}},"quorum":1,"escalateAtRisk":0.9},
             "baseline":{"strategies":{"rag-grounding":{"weight":1,"groundedThreshold":0.5,"timeoutMillis":5000,
              "onFailure":"FAIL_CLOSED"}},"quorum":1,"escalateAtRisk":0.9},
             "controlShare":0}
            """;

    /**
     * Looks every second once five canary tasks are in, and never advances on its own: the containment gate
     * waits for labelled hallucinations and all gates must pass, so the rollout holds where it started.
     */
    public static final String HOLDING_PLAN = """
            {"initialShare":0.5,"minSamplesPerStep":5,"checkInterval":"PT1S","maxStepDuration":"PT10M",
             "combination":"ALL_OF","onInconclusive":"PAUSE","latency":{"enabled":false},"cost":{"enabled":false}}
            """;

    private final Function<String, HttpJson> as;
    private final String tenant;

    public RolloutApi(Function<String, HttpJson> as, String tenant) {
        this.as = as;
        this.tenant = tenant;
    }

    public String base() {
        return "/api/v1/tenants/" + tenant + "/rollouts";
    }

    public static String policyRollout(String candidate, String plan) {
        return """
                {"component":"ENSEMBLE_POLICY","policy":%s,%s"reason":"a lower grounded threshold"}
                """.formatted(candidate, plan == null ? "" : "\"plan\":" + plan + ",");
    }

    public static String modelRollout(String modelVersion, String plan) {
        return """
                {"component":"HRS_MODEL","modelVersion":"%s",%s"reason":"offline metrics pass the gates"}
                """.formatted(modelVersion, plan == null ? "" : "\"plan\":" + plan + ",");
    }

    /** Makes {@link #LIVE_POLICY} the tenant's policy, which a policy rollout needs to have a control. */
    public void defineLivePolicy(String operator) {
        HttpJson.Response defined = as.apply(operator).put("/api/v1/tenants/" + tenant + "/ensemble-policy",
                LIVE_POLICY);
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
    }

    public HttpJson.Response request(String operator, String body) {
        return as.apply(operator).post(base(), body);
    }

    /** Requests a rollout that must be accepted; answers its id. */
    public String requestId(String operator, String body) {
        HttpJson.Response requested = request(operator, body);
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        String rolloutId = requested.json().get("rolloutId").asText();
        assertThat(requested.header("Location")).hasValue(base() + "/" + rolloutId);
        assertThat(requested.json().get("status").asText()).isEqualTo("PENDING_APPROVAL");
        return rolloutId;
    }

    /** {@code approval}, {@code rejection}, {@code pause}, {@code resume} or {@code abort}. */
    public HttpJson.Response act(String user, String rolloutId, String action) {
        return as.apply(user).post(base() + "/" + rolloutId + "/" + action, "{\"reason\":\"as the test says\"}");
    }

    public JsonNode acted(String user, String rolloutId, String action) {
        HttpJson.Response answer = act(user, rolloutId, action);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    public HttpJson.Response get(String reader, String rolloutId) {
        return as.apply(reader).get(base() + "/" + rolloutId);
    }

    /** Waits until the rollouts read model shows the rollout in {@code status}; answers the view. */
    public JsonNode awaitStatus(String reader, String rolloutId, String status) {
        JsonNode[] view = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpJson.Response rollout = get(reader, rolloutId);
            view[0] = rollout.status() == 200 ? rollout.json() : null;
            return view[0] != null && view[0].get("status").asText().equals(status);
        });
        return view[0];
    }

    /** No command of either lane of the tenant was ever recorded. */
    public void assertNothingRecorded() {
        for (RolloutComponent component : RolloutComponent.values()) {
            assertThat(eventsOf(RolloutLaneId.of(TenantId.of(tenant), component).toString()))
                    .as("events of the %s lane of %s", component, tenant).isZero();
        }
    }

    /** Whatever was recorded, no rollout of the tenant was approved or started. */
    public void assertNothingStarted() {
        assertThat(eventsMentioning("RolloutApproved", tenant)).as("rollouts approved on " + tenant).isZero();
        assertThat(eventsMentioning("RolloutStarted", tenant)).as("rollouts started on " + tenant).isZero();
    }
}
