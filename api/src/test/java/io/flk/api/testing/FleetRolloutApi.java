package io.flk.api.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** The fleet rollout endpoints' HTTP calls as the tests make them. */
public final class FleetRolloutApi {

    public static final String BASE = "/api/v1/rollouts";

    private final Function<String, HttpJson> as;

    public FleetRolloutApi(Function<String, HttpJson> as) {
        this.as = as;
    }

    /**
     * A policy fleet rollout body.
     *
     * @param tenants  {@code null} for every active tenant
     * @param waveSize {@code null} for all tenants in one wave
     */
    public static String policyFleetRollout(String candidate, String plan, List<String> tenants, Integer waveSize) {
        return policyFleetRollout(candidate, plan, tenants, waveSize, null);
    }

    /** @param bakeTime an ISO-8601 duration, or anything else to see it refused; {@code null} leaves it out */
    public static String policyFleetRollout(String candidate, String plan, List<String> tenants, Integer waveSize,
                                            String bakeTime) {
        StringBuilder body = new StringBuilder("{\"component\":\"ENSEMBLE_POLICY\",\"policy\":").append(candidate);
        if (plan != null) {
            body.append(",\"plan\":").append(plan);
        }
        if (tenants != null) {
            body.append(",\"tenants\":[");
            for (int i = 0; i < tenants.size(); i++) {
                body.append(i == 0 ? "" : ",").append('"').append(tenants.get(i)).append('"');
            }
            body.append(']');
        }
        if (waveSize != null) {
            body.append(",\"waveSize\":").append(waveSize);
        }
        if (bakeTime != null) {
            body.append(",\"bakeTime\":\"").append(bakeTime).append('"');
        }
        return body.append(",\"reason\":\"a lower grounded threshold for the fleet\"}").toString();
    }

    public HttpJson.Response request(String operator, String body) {
        return as.apply(operator).post(BASE, body);
    }

    /** Requests a fleet rollout that must be accepted; answers its id. */
    public String requestId(String operator, String body) {
        HttpJson.Response requested = request(operator, body);
        assertThat(requested.status()).as(requested.body()).isEqualTo(202);
        String id = requested.json().get("fleetRolloutId").asText();
        assertThat(requested.header("Location")).hasValue(BASE + "/" + id);
        assertThat(requested.json().get("status").asText()).isEqualTo("PENDING_APPROVAL");
        return id;
    }

    /** {@code approval}, {@code rejection} or {@code abort}. */
    public HttpJson.Response act(String user, String fleetRolloutId, String action) {
        return as.apply(user).post(BASE + "/" + fleetRolloutId + "/" + action, "{\"reason\":\"as the test says\"}");
    }

    public JsonNode acted(String user, String fleetRolloutId, String action) {
        HttpJson.Response answer = act(user, fleetRolloutId, action);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    public HttpJson.Response get(String reader, String fleetRolloutId) {
        return as.apply(reader).get(BASE + "/" + fleetRolloutId);
    }

    /** Waits until the fleet rollouts read model shows it in {@code status}; answers the view. */
    public JsonNode awaitStatus(String reader, String fleetRolloutId, String status) {
        return awaitView(reader, fleetRolloutId, Duration.ofSeconds(30),
                view -> view.get("status").asText().equals(status));
    }

    /** Waits until the view satisfies {@code until}; answers it. */
    public JsonNode awaitView(String reader, String fleetRolloutId, Duration atMost,
                              Predicate<JsonNode> until) {
        JsonNode[] view = new JsonNode[1];
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpJson.Response fleet = get(reader, fleetRolloutId);
            view[0] = fleet.status() == 200 ? fleet.json() : null;
            return view[0] != null && until.test(view[0]);
        });
        return view[0];
    }

    /** The member of {@code tenant} in a fleet view. */
    public static JsonNode member(JsonNode fleet, String tenant) {
        for (JsonNode member : fleet.get("members")) {
            if (member.get("tenantId").asText().equals(tenant)) {
                return member;
            }
        }
        throw new AssertionError("no member for tenant " + tenant + " in " + fleet);
    }
}
