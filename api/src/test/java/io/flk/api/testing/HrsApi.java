package io.flk.api.testing;

import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.api.testing.ApiAssertions.eventsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.verification.VerificationRequests;
import io.flk.domain.hrs.HrsLineId;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.axonframework.eventhandling.gateway.EventGateway;

/** The HRS lifecycle's HTTP calls as the tests make them. */
public final class HrsApi {

    private final Function<String, HttpJson> as;
    private final String tenant;

    public HrsApi(Function<String, HttpJson> as, String tenant) {
        this.as = as;
        this.tenant = tenant;
    }

    public String base() {
        return "/api/v1/tenants/" + tenant + "/hrs";
    }

    public static String trainingRequest(Instant from, Instant to, long seed, String candidates) {
        return """
                {"windowFrom":"%s","windowTo":"%s","seed":%d,"candidates":%s}
                """.formatted(from, to, seed, candidates);
    }

    /**
     * Puts the tenant on the HRS-only policy, records {@code labelledTasks} labelled tasks from two hours ago, and
     * answers the version trained on the last day with {@code seed}: eligible with a few thousand tasks.
     */
    public String trainedOnLabelledTasks(EventGateway events, int labelledTasks, long seed) {
        assertThat(as.apply(ApiTestSupport.OPERATOR).put("/api/v1/tenants/" + tenant + "/ensemble-policy",
                VerificationRequests.HRS_ONLY_POLICY).status()).isEqualTo(201);
        Instant now = Instant.now();
        LabelledTasks.publish(events, tenant, labelledTasks, 7, now.minus(Duration.ofHours(2)));
        awaitTrainingSet(ApiTestSupport.AUDITOR, now.minus(Duration.ofDays(1)), now, labelledTasks);
        return trainAndAwait(ApiTestSupport.OPERATOR, seed, now.minus(Duration.ofDays(1)), now);
    }

    /** Waits until the training set of the window holds {@code rows} labelled tasks. */
    public void awaitTrainingSet(String reader, Instant from, Instant to, int rows) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> as.apply(reader)
                .get(base() + "/training-set?windowFrom=" + from + "&windowTo=" + to).json().get("rows")
                .asInt() == rows);
    }

    /**
     * Starts a training, waits for it to finish and for the versions read model to show it, and answers the
     * registered version.
     */
    public String trainAndAwait(String operator, long seed, Instant from, Instant to) {
        HttpJson.Response started = as.apply(operator).post(base() + "/trainings",
                trainingRequest(from, to, seed, "[\"logistic-regression\",\"gradient-boosted-trees\"]"));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.header("Location")).hasValue(base() + "/trainings/" + started.json().get("trainingId")
                .asText());
        String[] trainingId = {started.json().get("trainingId").asText()};
        JsonNode[] finished = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpJson.Response training = as.apply(operator).get(base() + "/trainings/" + trainingId[0]);
            finished[0] = training.status() == 200 ? training.json() : null;
            return finished[0] != null && !finished[0].get("status").asText().equals("RUNNING");
        });
        assertThat(finished[0].get("status").asText()).as(finished[0].toString()).isEqualTo("COMPLETED");
        String version = finished[0].get("modelVersion").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> as.apply(operator).get(base() + "/versions/" + version).status() == 200);
        return version;
    }

    public HttpJson.Response requestPromotion(String operator, String version, String target, Double share) {
        return as.apply(operator).post(base() + "/promotions", """
                {"modelVersion":"%s","target":"%s",%s"reason":"offline metrics pass the gates"}
                """.formatted(version, target, share == null ? "" : "\"challengerShare\":" + share + ","));
    }

    public String requestPromotionId(String operator, String version, String target, Double share) {
        HttpJson.Response requested = requestPromotion(operator, version, target, share);
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        return requested.json().get("requestId").asText();
    }

    public HttpJson.Response approve(String approver, String requestId) {
        return as.apply(approver).post(base() + "/promotions/" + requestId + "/approval",
                "{\"reason\":\"card reviewed\"}");
    }

    public JsonNode approved(String approver, String requestId) {
        HttpJson.Response approval = approve(approver, requestId);
        assertThat(approval.status()).as(approval.body()).isEqualTo(200);
        return approval.json().get("routing");
    }

    /** The HRS version that scored a new task, from the verification's answer. */
    public String scoredBy(String operator, String taskId) {
        HttpJson.Response verified = as.apply(operator).post("/api/v1/verifications",
                VerificationRequests.verification(tenant, taskId, VerificationRequests.GROUNDED));
        assertThat(verified.status()).as(verified.body()).isIn(200, 202);
        for (JsonNode vote : verified.json().get("votes")) {
            if (vote.get("strategy").asText().equals("hrs")) {
                return vote.get("modelVersion").asText();
            }
        }
        throw new AssertionError("no hrs vote in " + verified.body());
    }

    /** No training of the tenant was ever started and its model line recorded nothing, read from the event log. */
    public void assertNothingTrainedOrRegistered() {
        assertThat(eventsMentioning("HrsTrainingStarted", tenant)).as("trainings started for " + tenant).isZero();
        assertThat(eventsOf(HrsLineId.of(TenantId.of(tenant)).toString()))
                .as("events of the model line of " + tenant).isZero();
    }
}
