package io.flk.api.security;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.api.testing.ApiAssertions.eventsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.testing.HttpJson;
import io.flk.api.testing.JwtApiTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Production mode: only bearer tokens of the configured key count; roles and tenant scope come from claims. */
class JwtModeApiTest extends JwtApiTestSupport {

    private static final List<String> OPERATOR = List.of("operator");

    @ParameterizedTest
    @ValueSource(strings = {"operator:operator-dev", "auditor:auditor-dev", "tenant-acme:tenant-dev"})
    void developmentCredentialsAreRefused(String credentials) {
        String[] userAndPassword = credentials.split(":");

        HttpJson.Response response = HttpJson.basic(port, userAndPassword[0], userAndPassword[1])
                .get("/api/v1/tenants");

        assertProblem(response, 401, "unauthenticated", null);
        assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
    }

    @Test
    void developmentCredentialsCannotWrite() {
        String tenant = uniqueTenantId();

        HttpJson.Response response = HttpJson.basic(port, "operator", "operator-dev").post("/api/v1/tenants", """
                {"tenantId":"%s","displayName":"x","escalationSla":"PT1H","reviewSampleRate":0.1}""".formatted(tenant));

        assertProblem(response, 401, "unauthenticated", null);
        assertThat(eventsOf("tenant:" + tenant)).isZero();
    }

    @Test
    void anOperatorTokenRegistersATenantRecordedUnderItsSubject() {
        String tenant = uniqueTenantId();
        HttpJson operator = bearer(token("ops-" + tenant + "@flk.dev", OPERATOR, null));

        HttpJson.Response registered = operator.post("/api/v1/tenants", """
                {"tenantId":"%s","displayName":"Via JWT","escalationSla":"PT2H","reviewSampleRate":0.1}"""
                .formatted(tenant));

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(eventsOf("tenant:" + tenant)).isEqualTo(1);
        assertThat(eventsMentioning("TenantRegistered", "ops-" + tenant + "@flk.dev"))
                .as("the actor of the event is the token's subject").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpJson.Response read = operator.get("/api/v1/tenants/" + tenant);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().path("displayName").asText()).isEqualTo("Via JWT");
        });
    }

    @Test
    void aTokenWithoutTheOperatorRoleCannotRegisterATenant() {
        String tenant = uniqueTenantId();
        String body = """
                {"tenantId":"%s","displayName":"x","escalationSla":"PT1H","reviewSampleRate":0.1}""".formatted(tenant);

        assertProblem(bearer(token("a@flk.dev", List.of("approver", "auditor"), null)).post("/api/v1/tenants", body),
                403, "forbidden", null);
        assertProblem(bearer(token("t@flk.dev", List.of("tenant"), tenant)).post("/api/v1/tenants", body),
                403, "forbidden", null);
        assertProblem(bearer(token("n@flk.dev", null, null)).post("/api/v1/tenants", body), 403, "forbidden", null);
        assertThat(eventsOf("tenant:" + tenant)).isZero();
    }

    @Test
    void aTenantTokenSeesOnlyItsOwnTenantsEscalations() {
        String mine = uniqueTenantId();
        String theirs = uniqueTenantId();
        registerTenant(mine);
        registerTenant(theirs);
        String myEscalation = openEscalation(mine, "task-" + UUID.randomUUID());
        String theirEscalation = openEscalation(theirs, "task-" + UUID.randomUUID());
        HttpJson tenant = bearer(token("reviewer@" + mine, List.of("tenant"), mine));

        HttpJson.Response ownQueue = tenant.get("/api/v1/escalations");
        HttpJson.Response ownQueueNamed = tenant.get("/api/v1/escalations?tenantId=" + mine);
        HttpJson.Response ownEscalation = tenant.get("/api/v1/escalations/" + myEscalation);

        assertThat(idsIn(ownQueue)).containsExactly(myEscalation);
        assertThat(idsIn(ownQueueNamed)).containsExactly(myEscalation);
        assertThat(ownEscalation.status()).isEqualTo(200);
        assertThat(tenant.get("/api/v1/tenants/" + mine).status()).isEqualTo(200);

        assertProblem(tenant.get("/api/v1/escalations?tenantId=" + theirs), 403, "forbidden", "tenantId");
        assertProblem(tenant.get("/api/v1/escalations/" + theirEscalation), 404, "not-found", null);
        assertProblem(tenant.get("/api/v1/tenants/" + theirs), 403, "forbidden", "tenantId");
        assertProblem(tenant.post("/api/v1/escalations/" + theirEscalation + "/assignment",
                "{\"assignee\":\"reviewer\"}"), 404, "not-found", null);
        assertThat(eventsOf(theirEscalation)).isEqualTo(1);
    }

    @Test
    void aTenantTokenResolvesItsOwnEscalationUnderItsSubject() {
        String mine = uniqueTenantId();
        registerTenant(mine);
        String id = openEscalation(mine, "task-" + UUID.randomUUID());
        String subject = "reviewer-" + UUID.randomUUID().toString().substring(0, 8);
        HttpJson tenant = bearer(token(subject, List.of("tenant"), mine));

        assertThat(tenant.post("/api/v1/escalations/" + id + "/assignment", "{\"assignee\":\"" + subject + "\"}")
                .status()).isEqualTo(200);
        HttpJson.Response resolved = tenant.post("/api/v1/escalations/" + id + "/resolution",
                "{\"verdict\":\"HALLUCINATION\"}");

        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(tenant.get("/api/v1/escalations/" + id).json().path("reviewer").asText())
                        .isEqualTo(subject));
    }

    @Test
    void aTenantTokenWithoutATenantClaimReachesNoTenant() {
        String tenant = uniqueTenantId();
        registerTenant(tenant);
        String id = openEscalation(tenant, "task-" + UUID.randomUUID());
        HttpJson unscoped = bearer(token("lost@flk.dev", List.of("tenant"), null));

        assertProblem(unscoped.get("/api/v1/escalations"), 400, "invalid-field", "tenantId");
        assertProblem(unscoped.get("/api/v1/escalations?tenantId=" + tenant), 403, "forbidden", "tenantId");
        assertProblem(unscoped.get("/api/v1/escalations/" + id), 404, "not-found", null);
    }

    @Test
    void anExpiredTokenIsUnauthenticated() {
        String tenant = uniqueTenantId();

        HttpJson.Response expired = bearer(expiredToken("ops@flk.dev", OPERATOR)).get("/api/v1/tenants");

        assertProblem(expired, 401, "unauthenticated", null);
        assertThat(expired.header("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer").contains("invalid_token"));
        assertProblem(bearer(expiredToken("ops@flk.dev", OPERATOR)).post("/api/v1/tenants", """
                {"tenantId":"%s","displayName":"x","escalationSla":"PT1H","reviewSampleRate":0.1}""".formatted(tenant)),
                401, "unauthenticated", null);
        assertThat(eventsOf("tenant:" + tenant)).isZero();
    }

    @Test
    void aTokenSignedByAnotherKeyIsUnauthenticated() {
        String tenant = uniqueTenantId();

        HttpJson.Response response = bearer(untrustedToken("ops@flk.dev", OPERATOR)).post("/api/v1/tenants", """
                {"tenantId":"%s","displayName":"x","escalationSla":"PT1H","reviewSampleRate":0.1}""".formatted(tenant));

        assertProblem(response, 401, "unauthenticated", null);
        assertThat(eventsOf("tenant:" + tenant)).isZero();
    }

    @Test
    void aTamperedTokenIsUnauthenticated() {
        String[] parts = token("t@flk.dev", List.of("tenant"), "acme").split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"t@flk.dev\",\"roles\":[\"operator\"],\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8));

        HttpJson.Response response = bearer(parts[0] + "." + forgedClaims + "." + parts[2]).get("/api/v1/tenants");

        assertProblem(response, 401, "unauthenticated", null);
    }

    @Test
    void garbageInsteadOfATokenIsUnauthenticated() {
        assertProblem(bearer("not-a-jwt").get("/api/v1/tenants"), 401, "unauthenticated", null);
        assertProblem(anonymous().get("/api/v1/tenants"), 401, "unauthenticated", null);
    }

    @Test
    void prometheusScrapingIsOpenWithoutATokenAndCarriesTheFlkMetrics() {
        String tenant = uniqueTenantId();
        registerTenant(tenant);
        openEscalation(tenant, "task-" + UUID.randomUUID());

        HttpJson.Response scrape = anonymous().get("/actuator/prometheus");

        assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(scrape.body()).contains("jvm_memory_used_bytes", "application=\"flk-control-plane\"");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(anonymous().get("/actuator/prometheus")
                .body().lines().filter(line -> line.startsWith("flk_escalations_open{"))
                .filter(line -> line.contains("tenant=\"" + tenant + "\"")))
                .singleElement().satisfies(line -> assertThat(line).endsWith(" 1.0")));
    }

    @Test
    void otherActuatorEndpointsNeedAStaffToken() {
        assertProblem(anonymous().get("/actuator/metrics"), 401, "unauthenticated", null);
        assertProblem(bearer(token("t@flk.dev", List.of("tenant"), "acme")).get("/actuator/metrics"),
                403, "forbidden", null);
        assertThat(bearer(token("ops@flk.dev", OPERATOR, null)).get("/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void healthAndTheOpenApiDocumentStayOpen() {
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous().get("/v3/api-docs").json().path("paths").has("/api/v1/escalations")).isTrue();
    }

    private static List<String> idsIn(HttpJson.Response queue) {
        assertThat(queue.status()).as(queue.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        queue.json().path("escalations").forEach(node -> ids.add(node.path("escalationId").asText()));
        return ids;
    }
}
