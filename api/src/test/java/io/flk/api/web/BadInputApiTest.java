package io.flk.api.web;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.api.testing.ApiAssertions.eventsOf;
import static io.flk.api.testing.ApiAssertions.idempotentRequests;
import static io.flk.api.testing.ApiAssertions.idempotentRequestsWithKey;
import static io.flk.db.Tables.IDEMPOTENT_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import io.flk.db.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input gets a clear problem+json answer (type, field, no internals) and writes nothing:
 * no event for the aggregate it aimed at, no event naming the fresh ids it carried, no idempotency record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputApiTest extends ApiTestSupport {

    private static final int ONE_MIB = 1024 * 1024;

    private String tenant;
    private String escalationId;

    @BeforeAll
    void aTenantWithAnOpenEscalation() {
        tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        escalationId = openEscalation(tenant, "task-" + UUID.randomUUID());
    }

    /**
     * A refused request. In path and body, {@code {tenant}} and {@code {escalation}} name the existing ones,
     * {@code {fresh}} a new id (a valid tenant slug) that no event may ever mention.
     */
    record BadRequest(String user, String method, String path, String body, String contentType,
                      Map<String, String> headers, int status, String type, String field) {

        BadRequest(String user, String method, String path, String body, int status, String type, String field) {
            this(user, method, path, body, "application/json", Map.of(), status, type, field);
        }

        BadRequest withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new BadRequest(user, method, path, body, contentType, more, status, type, field);
        }

        BadRequest withContentType(String type) {
            return new BadRequest(user, method, path, body, type, headers, status, this.type, field);
        }
    }

    static Stream<Arguments> badRequests() {
        String validTenant = """
                {"tenantId":"{fresh}","displayName":"Fresh","escalationSla":"PT4H","reviewSampleRate":0.1}""";
        String validEscalation = """
                {"tenantId":"{tenant}","taskId":"task-{fresh}","reason":"risky","risk":0.9}""";
        return Stream.of(
                Arguments.of("unknown tenant", new BadRequest(OPERATOR, "POST", "/api/v1/escalations",
                        "{\"tenantId\":\"{fresh}\",\"taskId\":\"task-{fresh}\",\"reason\":\"risky\",\"risk\":0.9}",
                        422, "unknown-tenant", "tenantId")),
                Arguments.of("unknown tenant of a suspension", new BadRequest(OPERATOR, "POST",
                        "/api/v1/tenants/{fresh}/suspension", "{\"reason\":\"none\"}", 404, "not-found", null)),

                Arguments.of("approver registers a tenant", new BadRequest(APPROVER, "POST", "/api/v1/tenants",
                        validTenant, 403, "forbidden", null)),
                Arguments.of("auditor opens an escalation", new BadRequest(AUDITOR, "POST", "/api/v1/escalations",
                        validEscalation, 403, "forbidden", null)),
                Arguments.of("tenant opens an escalation", new BadRequest(TENANT_ACME, "POST", "/api/v1/escalations",
                        validEscalation, 403, "forbidden", null)),
                Arguments.of("auditor assigns", new BadRequest(AUDITOR, "POST",
                        "/api/v1/escalations/{escalation}/assignment", "{\"assignee\":\"auditor\"}",
                        403, "forbidden", null)),
                Arguments.of("tenant changes settings", new BadRequest(TENANT_ACME, "PUT",
                        "/api/v1/tenants/{tenant}/settings",
                        "{\"displayName\":\"x\",\"escalationSla\":\"PT1H\",\"reviewSampleRate\":0.1}",
                        403, "forbidden", null)),

                Arguments.of("truncated JSON", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        "{\"tenantId\":\"{fresh}\",\"displayName\":", 400, "malformed-json", null)),
                Arguments.of("not JSON at all", new BadRequest(OPERATOR, "POST", "/api/v1/escalations",
                        "tenantId={tenant}&taskId=task-{fresh}", 400, "malformed-json", null)),
                Arguments.of("single-quoted JSON", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        "{'tenantId':'{fresh}'}", 400, "malformed-json", null)),
                Arguments.of("empty body", new BadRequest(OPERATOR, "POST", "/api/v1/tenants", "",
                        400, "missing-body", null)),

                Arguments.of("a member named twice", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        validTenant.replace("{\"tenantId\"", "{\"tenantId\":\"other-{fresh}\",\"tenantId\""),
                        400, "malformed-json", null)),
                Arguments.of("unknown field", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        withField(validTenant, "\"colour\":\"red\""), 400, "unknown-field", "colour")),
                Arguments.of("unknown field on an escalation", new BadRequest(OPERATOR, "POST", "/api/v1/escalations",
                        withField(validEscalation, "\"priority\":1"), 400, "unknown-field", "priority")),
                Arguments.of("unknown field on a resolution", new BadRequest(APPROVER, "POST",
                        "/api/v1/escalations/{escalation}/resolution",
                        "{\"verdict\":\"GROUNDED\",\"reviewer\":\"someone-else\"}", 400, "unknown-field", "reviewer")),

                Arguments.of("text where a number belongs", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        validTenant.replace("0.1", "\"high\""), 400, "wrong-type", "reviewSampleRate")),
                Arguments.of("quoted number", new BadRequest(OPERATOR, "POST", "/api/v1/escalations",
                        validEscalation.replace("0.9", "\"0.9\""), 400, "wrong-type", "risk")),
                Arguments.of("boolean where a number belongs", new BadRequest(OPERATOR, "POST", "/api/v1/escalations",
                        validEscalation.replace("0.9", "true"), 400, "wrong-type", "risk")),
                Arguments.of("object where a text belongs", new BadRequest(OPERATOR, "POST", "/api/v1/escalations",
                        validEscalation.replace("\"risky\"", "{\"text\":\"risky\"}"), 400, "wrong-type", "reason")),
                Arguments.of("number where a text belongs", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        validTenant.replace("\"{fresh}\"", "42"), 400, "wrong-type", "tenantId")),
                Arguments.of("an array instead of an object", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        "[" + validTenant + "]", 400, "wrong-type", null)),
                Arguments.of("JSON null instead of an object", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        "null", 400, "missing-body", null)),
                Arguments.of("unknown verdict", new BadRequest(APPROVER, "POST",
                        "/api/v1/escalations/{escalation}/resolution", "{\"verdict\":\"MAYBE\"}",
                        400, "invalid-field", "verdict")),
                Arguments.of("duration that is not ISO-8601", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        validTenant.replace("PT4H", "4 hours"), 400, "wrong-type", "escalationSla")),

                Arguments.of("tenant id that is not a slug", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        validTenant.replace("{fresh}", "Not A Slug {fresh}"), 400, "invalid-field", "tenantId")),
                Arguments.of("tenant id in the path that is not a slug", new BadRequest(OPERATOR, "PUT",
                        "/api/v1/tenants/NOT_A_SLUG/settings",
                        "{\"displayName\":\"x\",\"escalationSla\":\"PT1H\",\"reviewSampleRate\":0.1}",
                        400, "invalid-field", "tenantId")),
                Arguments.of("tenant id in the query that is not a slug", new BadRequest(OPERATOR, "GET",
                        "/api/v1/escalations?tenantId=ACME", null, 400, "invalid-field", "tenantId")),
                Arguments.of("escalation id that is not e-<uuid>", new BadRequest(OPERATOR, "GET",
                        "/api/v1/escalations/not-an-id", null, 400, "invalid-field", "escalationId")),
                Arguments.of("resolving an escalation id that is not e-<uuid>", new BadRequest(APPROVER, "POST",
                        "/api/v1/escalations/e-{fresh}/resolution", "{\"verdict\":\"GROUNDED\"}",
                        400, "invalid-field", "escalationId")),
                Arguments.of("tenant id with a path parameter", new BadRequest(OPERATOR, "PUT",
                        "/api/v1/tenants/{tenant};v=1/settings",
                        "{\"displayName\":\"x\",\"escalationSla\":\"PT1H\",\"reviewSampleRate\":0.1}",
                        400, "invalid-request", null)),
                Arguments.of("a path climbing into another tenant", new BadRequest(TENANT_ACME, "GET",
                        "/api/v1/tenants/acme/../globex", null, 400, "invalid-request", null)),
                Arguments.of("task id with spaces", new BadRequest(OPERATOR, "POST", "/api/v1/escalations",
                        validEscalation.replace("task-{fresh}", "task {fresh}"), 400, "invalid-field", "taskId")),
                Arguments.of("assignee with spaces", new BadRequest(OPERATOR, "POST",
                        "/api/v1/escalations/{escalation}/assignment", "{\"assignee\":\"alice {fresh}\"}",
                        400, "invalid-field", "assignee")),

                Arguments.of("blank display name", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        validTenant.replace("Fresh", " "), 400, "invalid-field", "displayName")),
                Arguments.of("missing reason", new BadRequest(OPERATOR, "POST", "/api/v1/escalations",
                        validEscalation.replace("\"reason\":\"risky\",", ""), 400, "invalid-field", "reason")),
                Arguments.of("risk above one", new BadRequest(OPERATOR, "POST", "/api/v1/escalations",
                        validEscalation.replace("0.9", "1.5"), 400, "invalid-field", "risk")),
                Arguments.of("SLA beyond thirty days", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        validTenant.replace("PT4H", "P60D"), 400, "invalid-field", "escalationSla")),
                Arguments.of("sample rate above one", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        validTenant.replace("0.1", "2.0"), 400, "invalid-field", "reviewSampleRate")),

                Arguments.of("If-Match that is not an ETag", new BadRequest(OPERATOR, "PUT",
                        "/api/v1/tenants/{tenant}/settings",
                        "{\"displayName\":\"x\",\"escalationSla\":\"PT1H\",\"reviewSampleRate\":0.1}",
                        400, "invalid-field", "If-Match").withHeader("If-Match", "version-0")),
                Arguments.of("If-Match of a version not reached yet", new BadRequest(OPERATOR, "PUT",
                        "/api/v1/tenants/{tenant}/settings",
                        "{\"displayName\":\"x\",\"escalationSla\":\"PT1H\",\"reviewSampleRate\":0.1}",
                        412, "stale-version", "If-Match").withHeader("If-Match", "\"7\"")),

                Arguments.of("Idempotency-Key with spaces", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        validTenant, 400, "invalid-field", "Idempotency-Key")
                        .withHeader("Idempotency-Key", "not a key {fresh}")),
                Arguments.of("Idempotency-Key longer than 128", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        validTenant, 400, "invalid-field", "Idempotency-Key")
                        .withHeader("Idempotency-Key", "k".repeat(129) + "{fresh}")),

                Arguments.of("a body that is not JSON", new BadRequest(OPERATOR, "POST", "/api/v1/tenants",
                        validTenant, 415, "unsupported-media-type", null).withContentType("text/plain")),
                Arguments.of("a method the resource does not have", new BadRequest(OPERATOR, "DELETE",
                        "/api/v1/tenants/{tenant}", null, 405, "method-not-allowed", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputGetsAClearProblemAndWritesNothing(String name, BadRequest bad) {
        String fresh = uniqueTenantId();
        String key = "bad-" + UUID.randomUUID();
        int tenantEvents = eventsOf("tenant:" + tenant);
        int escalationEvents = eventsOf(escalationId);
        HttpJson client = as(bad.user()).header("Idempotency-Key", key);
        for (Map.Entry<String, String> header : bad.headers().entrySet()) {
            client = client.header(header.getKey(), fill(header.getValue(), fresh));
        }

        HttpJson.Response response = client.send(bad.method(), fill(bad.path(), fresh), fill(bad.body(), fresh),
                bad.body() == null ? null : bad.contentType());

        assertProblem(response, bad.status(), bad.type(), bad.field());
        assertThat(eventsOf("tenant:" + tenant)).as("events of the existing tenant").isEqualTo(tenantEvents);
        assertThat(eventsOf(escalationId)).as("events of the existing escalation").isEqualTo(escalationEvents);
        assertThat(eventsOf("tenant:" + fresh)).as("events of the fresh tenant").isZero();
        assertThat(eventsMentioning(fresh)).as("events naming the fresh id").isZero();
        assertThat(idempotentRequests(bad.user(), key)).as("idempotency record").isZero();
        assertThat(idempotentRequestsWithKey(fill(bad.headers().getOrDefault("Idempotency-Key", key), fresh)))
                .as("idempotency record under the sent key").isZero();
    }

    @Test
    void aStaleIfMatchIsPreconditionFailedAndWritesNothing() {
        String id = openEscalation(tenant, "task-" + UUID.randomUUID());
        assertThat(as(OPERATOR).post("/api/v1/escalations/" + id + "/assignment", "{\"assignee\":\"operator\"}")
                .status()).isEqualTo(200);
        String key = "stale-" + UUID.randomUUID();

        HttpJson.Response stale = as(OPERATOR).header("If-Match", "\"0\"").header("Idempotency-Key", key)
                .post("/api/v1/escalations/" + id + "/resolution", "{\"verdict\":\"GROUNDED\"}");

        assertProblem(stale, 412, "stale-version", "If-Match");
        assertThat(eventsOf(id)).isEqualTo(2);
        assertThat(idempotentRequests(OPERATOR, key)).isZero();
    }

    @Test
    void theSameIdempotencyKeyWithADifferentBodyIsRefusedAndWritesNothing() {
        String key = "reused-" + UUID.randomUUID();
        String firstTask = "task-" + UUID.randomUUID();
        String secondTask = "task-" + UUID.randomUUID();
        HttpJson operator = as(OPERATOR).header("Idempotency-Key", key);
        HttpJson.Response first = operator.post("/api/v1/escalations", """
                {"tenantId":"%s","taskId":"%s","reason":"risky","risk":0.9}""".formatted(tenant, firstTask));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        HttpJson.Response reused = operator.post("/api/v1/escalations", """
                {"tenantId":"%s","taskId":"%s","reason":"risky","risk":0.9}""".formatted(tenant, secondTask));

        assertProblem(reused, 422, "idempotency-key-reused", "Idempotency-Key");
        assertThat(reused.header(IdempotencyFilter.REPLAYED)).isEmpty();
        assertThat(eventsMentioning(secondTask)).isZero();
        assertThat(eventsMentioning("EscalationOpened", firstTask)).isEqualTo(1);
        assertThat(TestDatabase.get().dsl().select(IDEMPOTENT_REQUEST.STATUS).from(IDEMPOTENT_REQUEST)
                .where(IDEMPOTENT_REQUEST.PRINCIPAL.eq(OPERATOR).and(IDEMPOTENT_REQUEST.IDEMPOTENCY_KEY.eq(key)))
                .fetch(IDEMPOTENT_REQUEST.STATUS)).as("only the first answer is kept").containsExactly(201);
    }

    @Test
    void theSameIdempotencyKeyOnAnotherEndpointIsRefused() {
        String key = "reused-" + UUID.randomUUID();
        String fresh = uniqueTenantId();
        assertThat(as(OPERATOR).header("Idempotency-Key", key).post("/api/v1/escalations/" + escalationId
                + "/assignment", "{\"assignee\":\"operator\"}").status()).isEqualTo(200);
        int escalationEvents = eventsOf(escalationId);

        HttpJson.Response reused = as(OPERATOR).header("Idempotency-Key", key).post("/api/v1/tenants", """
                {"tenantId":"%s","displayName":"x","escalationSla":"PT1H","reviewSampleRate":0.1}""".formatted(fresh));

        assertProblem(reused, 422, "idempotency-key-reused", "Idempotency-Key");
        assertThat(eventsOf("tenant:" + fresh)).isZero();
        assertThat(eventsOf(escalationId)).isEqualTo(escalationEvents);
    }

    @Test
    void aBodyDeclaredLargerThanOneMebibyteIsRefusedBeforeItIsRead() {
        String fresh = uniqueTenantId();
        String key = "big-" + UUID.randomUUID();

        HttpJson.Response tooLarge = as(OPERATOR).header("Idempotency-Key", key)
                .post("/api/v1/tenants", oversizedRegistration(fresh));

        assertProblem(tooLarge, 413, "payload-too-large", null);
        assertThat(eventsOf("tenant:" + fresh)).isZero();
        assertThat(idempotentRequests(OPERATOR, key)).isZero();
    }

    @Test
    void aChunkedBodyGrowingPastOneMebibyteIsRefused() {
        String fresh = uniqueTenantId();

        HttpJson.Response tooLarge = chunked(OPERATOR, "/api/v1/tenants", oversizedRegistration(fresh), null);

        assertProblem(tooLarge, 413, "payload-too-large", null);
        assertThat(eventsOf("tenant:" + fresh)).isZero();
    }

    @Test
    void aChunkedBodyGrowingPastOneMebibyteIsRefusedAlsoWithAnIdempotencyKey() {
        String fresh = uniqueTenantId();
        String key = "big-" + UUID.randomUUID();

        HttpJson.Response tooLarge = chunked(OPERATOR, "/api/v1/tenants", oversizedRegistration(fresh), key);

        assertProblem(tooLarge, 413, "payload-too-large", null);
        assertThat(eventsOf("tenant:" + fresh)).isZero();
        assertThat(idempotentRequests(OPERATOR, key)).isZero();
    }

    @Test
    void aChunkedBodyUnderTheLimitIsAccepted() {
        String fresh = uniqueTenantId();

        HttpJson.Response accepted = chunked(OPERATOR, "/api/v1/tenants", """
                {"tenantId":"%s","displayName":"Chunked","escalationSla":"PT1H","reviewSampleRate":0.1}"""
                .formatted(fresh), null);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(eventsOf("tenant:" + fresh)).isEqualTo(1);
    }

    private static String withField(String json, String member) {
        return json.substring(0, json.lastIndexOf('}')) + "," + member + "}";
    }

    /** Valid JSON for a registration whose display name alone is a little over the limit. */
    private static String oversizedRegistration(String tenantId) {
        String body = """
                {"tenantId":"%s","displayName":"%s","escalationSla":"PT1H","reviewSampleRate":0.1}"""
                .formatted(tenantId, "x".repeat(ONE_MIB + 64 * 1024));
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(ONE_MIB);
        return body;
    }

    /** Sends the body as HTTP/1.1 chunks without Content-Length: the server learns its size only by reading. */
    private HttpJson.Response chunked(String user, String path, String body, String idempotencyKey) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + passwordOf(user)).getBytes(StandardCharsets.UTF_8)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new HttpJson.Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new AssertionError("the server should answer, not drop the connection", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String fill(String template, String fresh) {
        return template == null ? null : template.replace("{tenant}", tenant).replace("{escalation}", escalationId)
                .replace("{fresh}", fresh);
    }
}
