package io.flk.benchmarks.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.domain.hrs.HrsRouting;
import java.time.Duration;
import java.time.Instant;

/**
 * One tenant's HRS lifecycle as an operator and an approver drive it over HTTP: wait for the training set, train,
 * read a card, promote with four eyes, wait for the routing. The views are read models, so reads poll until they
 * catch up with the command.
 */
public final class HrsLifecycleClient {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final RestClient operator;
    private final RestClient approver;
    private final String base;
    private final Duration readModelMax;
    private final Duration trainingMax;

    public HrsLifecycleClient(RestClient operator, RestClient approver, String tenant, Duration readModelMax,
                              Duration trainingMax) {
        this.operator = operator;
        this.approver = approver;
        this.base = "/api/v1/tenants/" + tenant + "/hrs";
        this.readModelMax = readModelMax;
        this.trainingMax = trainingMax;
    }

    public void awaitTrainingSet(Instant from, Instant to, int rows) throws Exception {
        long deadline = System.nanoTime() + readModelMax.toNanos();
        String path = base + "/training-set?windowFrom=" + from + "&windowTo=" + to;
        int shown;
        while ((shown = json(operator.get(path), 200, "training set").get("rows").asInt()) != rows) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Training set holds " + shown + " rows after " + readModelMax
                        + ", expected " + rows);
            }
            Thread.sleep(250);
        }
    }

    /** Starts a training of both candidates, polls until it ends, and answers the registered version. */
    public String trainAndAwait(long seed, Instant from, Instant to) throws Exception {
        String trainingId = json(operator.post(base + "/trainings", """
                {"windowFrom":"%s","windowTo":"%s","seed":%d,"candidates":["logistic-regression","gradient-boosted-trees"]}
                """.formatted(from, to, seed)), 202, "training request").get("trainingId").asText();
        String path = base + "/trainings/" + trainingId;
        long deadline = System.nanoTime() + trainingMax.toNanos();
        while (true) {
            JsonNode training = awaitFound(path, "training " + trainingId);
            String status = training.get("status").asText();
            if (status.equals("COMPLETED")) {
                return training.get("modelVersion").asText();
            }
            if (!status.equals("RUNNING") || System.nanoTime() > deadline) {
                throw new IllegalStateException("Training " + trainingId + " did not complete: " + training);
            }
            Thread.sleep(500);
        }
    }

    public JsonNode card(String version) throws Exception {
        return awaitFound(base + "/versions/" + version + "/card", "model card of " + version);
    }

    /** The operator asks, the approver approves: four eyes, as the API requires for every routing change. */
    public void promote(String version, String target, Double share) throws Exception {
        String requestId = json(operator.post(base + "/promotions", """
                {"modelVersion":"%s","target":"%s",%s"reason":"benchmark routing"}
                """.formatted(version, target, share == null ? "" : "\"challengerShare\":" + share + ",")), 201,
                target + " promotion of " + version).get("requestId").asText();
        json(approver.post(base + "/promotions/" + requestId + "/approval", "{\"reason\":\"benchmark routing\"}"),
                200, "approval of " + requestId);
    }

    /** Polls {@code GET …/routing} until it shows {@code expected}. */
    public HrsRouting awaitRouting(HrsRouting expected) throws Exception {
        long deadline = System.nanoTime() + readModelMax.toNanos();
        while (true) {
            HrsRouting shown = JSON.treeToValue(json(operator.get(base + "/routing"), 200, "routing").get("routing"),
                    HrsRouting.class);
            if (shown.equals(expected)) {
                return shown;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Routing shows " + shown + ", expected " + expected);
            }
            Thread.sleep(100);
        }
    }

    public JsonNode onlinePerformance() throws Exception {
        return json(operator.get(base + "/online-performance"), 200, "online performance");
    }

    /** GETs a resource of a read model, polling while its projection has not seen it yet (404). */
    private JsonNode awaitFound(String path, String what) throws Exception {
        long deadline = System.nanoTime() + readModelMax.toNanos();
        RestClient.Response response;
        while ((response = operator.get(path)).status() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return json(response, 200, what);
    }

    private static JsonNode json(RestClient.Response response, int expected, String what) {
        if (response.status() != expected) {
            throw new IllegalStateException(what + ": HTTP " + response.status() + ", expected " + expected + ": "
                    + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + ": not JSON: " + response.body(), e);
        }
    }
}
