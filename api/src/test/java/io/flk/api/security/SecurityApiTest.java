package io.flk.api.security;

import static io.flk.api.testing.ApiAssertions.assertNoInternals;
import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.api.testing.ApiAssertions.eventsOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityApiTest extends ApiTestSupport {

    private static final String SETTINGS =
            "{\"displayName\":\"x\",\"escalationSla\":\"PT1H\",\"reviewSampleRate\":0.1}";

    private String tenant;
    private String escalationId;

    @BeforeAll
    void aTenantWithAnOpenEscalation() {
        tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        escalationId = openEscalation(tenant, "task-" + UUID.randomUUID());
        ensureTenant("acme", "PT4H");
        ensureTenant("globex", "PT4H");
    }

    @ParameterizedTest(name = "{0} {1}")
    @ValueSource(strings = {"GET /api/v1/tenants", "POST /api/v1/tenants", "GET /api/v1/escalations?tenantId=acme",
            "POST /api/v1/escalations", "GET /api/v1/audit/chain/verify", "GET /actuator/metrics"})
    void withoutCredentialsTheAnswerIsUnauthenticated(String request) {
        String[] parts = request.split(" ");

        HttpJson.Response response = anonymous().send(parts[0], parts[1], parts[0].equals("POST") ? "{}" : null,
                parts[0].equals("POST") ? "application/json" : null);

        assertProblem(response, 401, "unauthenticated", null);
        assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
    }

    @Test
    void aWrongPasswordIsUnauthenticatedAndWritesNothing() {
        String fresh = uniqueTenantId();

        HttpJson.Response response = HttpJson.basic(port, OPERATOR, "operator-wrong").post("/api/v1/tenants", """
                {"tenantId":"%s","displayName":"x","escalationSla":"PT1H","reviewSampleRate":0.1}""".formatted(fresh));

        assertProblem(response, 401, "unauthenticated", null);
        assertThat(eventsOf("tenant:" + fresh)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nobody", "tenant-initech", "admin", "root"})
    void anUnknownUserIsUnauthenticated(String user) {
        assertProblem(HttpJson.basic(port, user, passwordOf(user)).get("/api/v1/escalations?tenantId=acme"),
                401, "unauthenticated", null);
    }

    @Test
    void aPasswordOfAnotherUserIsUnauthenticated() {
        assertProblem(HttpJson.basic(port, OPERATOR, "auditor-dev").get("/api/v1/tenants"),
                401, "unauthenticated", null);
        assertProblem(HttpJson.basic(port, TENANT_ACME, "operator-dev").get("/api/v1/tenants/acme"),
                401, "unauthenticated", null);
    }

    /** Every role that may not use an endpoint, per endpoint family; valid bodies, so only the role is wrong. */
    Stream<Arguments> wrongRoles() {
        String registration = "{\"tenantId\":\"{fresh}\",\"displayName\":\"x\",\"escalationSla\":\"PT1H\","
                + "\"reviewSampleRate\":0.1}";
        String opening = "{\"tenantId\":\"{tenant}\",\"taskId\":\"task-{fresh}\",\"reason\":\"risky\",\"risk\":0.5}";
        return Stream.of(
                Arguments.of(APPROVER, "POST", "/api/v1/tenants", registration),
                Arguments.of(AUDITOR, "POST", "/api/v1/tenants", registration),
                Arguments.of(TENANT_ACME, "POST", "/api/v1/tenants", registration),
                Arguments.of(APPROVER, "GET", "/api/v1/tenants", null),
                Arguments.of(TENANT_ACME, "GET", "/api/v1/tenants", null),
                Arguments.of(APPROVER, "GET", "/api/v1/tenants/{tenant}", null),
                Arguments.of(APPROVER, "PUT", "/api/v1/tenants/{tenant}/settings", SETTINGS),
                Arguments.of(AUDITOR, "PUT", "/api/v1/tenants/{tenant}/settings", SETTINGS),
                Arguments.of(TENANT_ACME, "PUT", "/api/v1/tenants/acme/settings", SETTINGS),
                Arguments.of(APPROVER, "POST", "/api/v1/tenants/{tenant}/suspension", "{\"reason\":\"r\"}"),
                Arguments.of(AUDITOR, "POST", "/api/v1/tenants/{tenant}/suspension", "{\"reason\":\"r\"}"),
                Arguments.of(TENANT_ACME, "POST", "/api/v1/tenants/acme/suspension", "{\"reason\":\"r\"}"),
                Arguments.of(APPROVER, "POST", "/api/v1/escalations", opening),
                Arguments.of(AUDITOR, "POST", "/api/v1/escalations", opening),
                Arguments.of(TENANT_ACME, "POST", "/api/v1/escalations", opening),
                Arguments.of(AUDITOR, "POST", "/api/v1/escalations/{escalation}/assignment",
                        "{\"assignee\":\"auditor\"}"),
                Arguments.of(AUDITOR, "POST", "/api/v1/escalations/{escalation}/resolution",
                        "{\"verdict\":\"GROUNDED\"}"),
                Arguments.of(OPERATOR, "GET", "/api/v1/audit/chain/verify", null),
                Arguments.of(APPROVER, "GET", "/api/v1/audit/chain/verify", null),
                Arguments.of(TENANT_ACME, "GET", "/api/v1/audit/chain/verify", null));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("wrongRoles")
    void aWrongRoleIsForbiddenAndWritesNothing(String user, String method, String path, String body) {
        String fresh = uniqueTenantId();
        int tenantEvents = eventsOf("tenant:" + tenant);
        int acmeEvents = eventsOf("tenant:acme");
        int escalationEvents = eventsOf(escalationId);

        HttpJson.Response response = as(user).send(method, fill(path, fresh), fill(body, fresh),
                body == null ? null : "application/json");

        assertProblem(response, 403, "forbidden", null);
        assertThat(eventsOf("tenant:" + tenant)).isEqualTo(tenantEvents);
        assertThat(eventsOf("tenant:acme")).isEqualTo(acmeEvents);
        assertThat(eventsOf(escalationId)).isEqualTo(escalationEvents);
        assertThat(eventsMentioning(fresh)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {APPROVER, TENANT_ACME})
    void actuatorMetricsAreForOperatorsAndAuditorsOnly(String user) {
        HttpJson.Response response = as(user).get("/actuator/metrics");

        assertThat(response.status()).isEqualTo(403);
        assertNoInternals(response);
        assertThat(as(OPERATOR).get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(as(AUDITOR).get("/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void aTenantPrincipalNeverReachesAnotherTenantsData() {
        String globexEscalation = openEscalation("globex", "task-" + UUID.randomUUID());

        assertProblem(as(TENANT_ACME).get("/api/v1/tenants/globex"), 403, "forbidden", "tenantId");
        assertProblem(as(TENANT_ACME).get("/api/v1/escalations?tenantId=globex"), 403, "forbidden", "tenantId");
        assertProblem(as(TENANT_GLOBEX).get("/api/v1/escalations?tenantId=acme"), 403, "forbidden", "tenantId");
        assertProblem(as(TENANT_ACME).get("/api/v1/escalations/" + globexEscalation), 404, "not-found", null);
        assertProblem(as(TENANT_ACME).post("/api/v1/escalations/" + globexEscalation + "/assignment",
                "{\"assignee\":\"tenant-acme\"}"), 404, "not-found", null);
        assertProblem(as(TENANT_ACME).post("/api/v1/escalations/" + globexEscalation + "/resolution",
                "{\"verdict\":\"GROUNDED\"}"), 404, "not-found", null);
        assertThat(eventsOf(globexEscalation)).isEqualTo(1);
        assertThat(as(TENANT_GLOBEX).get("/api/v1/escalations/" + globexEscalation).status()).isEqualTo(200);
    }

    @Test
    void onlyAnAuditorVerifiesTheAuditChain() {
        HttpJson.Response verified = as(AUDITOR).get("/api/v1/audit/chain/verify");

        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        JsonNode result = verified.json();
        assertThat(result.path("intact").isBoolean()).isTrue();
        assertThat(result.path("intact").asBoolean()).as(verified.body()).isTrue();
        assertThat(result.path("checkedLinks").asLong()).isPositive();
    }

    @Test
    void healthIsOpenWithoutDetailsForAnonymousCallers() {
        HttpJson.Response health = anonymous().get("/actuator/health");

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json().has("components")).isFalse();
        assertThat(anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(as(OPERATOR).get("/actuator/health").json().has("components")).isTrue();
    }

    @Test
    void theOpenApiDocumentIsPublicAndListsTheEndpoints() {
        HttpJson.Response docs = anonymous().get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        assertThat(paths.has("/api/v1/escalations")).isTrue();
        assertThat(paths.path("/api/v1/escalations").has("post")).isTrue();
        assertThat(paths.path("/api/v1/escalations").has("get")).isTrue();
        assertThat(paths.has("/api/v1/tenants")).isTrue();
        assertThat(paths.has("/api/v1/escalations/{escalationId}/resolution")).isTrue();
        assertThat(paths.has("/api/v1/audit/chain/verify")).isTrue();
    }

    @Test
    void pathsOutsideTheApiAreDenied() {
        assertProblem(as(OPERATOR).get("/internal/anything"), 403, "forbidden", null);
        assertProblem(anonymous().get("/internal/anything"), 401, "unauthenticated", null);
    }

    private String fill(String template, String fresh) {
        return template == null ? null : template.replace("{tenant}", tenant).replace("{escalation}", escalationId)
                .replace("{fresh}", fresh);
    }
}
