package io.flk.api.tenant;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.api.testing.ApiAssertions.eventsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantApiTest extends ApiTestSupport {

    private static final Duration READ_MODEL = Duration.ofSeconds(10);

    @Test
    void anOperatorRegistersATenantAndReadsItBackWithVersionZero() {
        String tenant = uniqueTenantId();

        HttpJson.Response registered = as(OPERATOR).post("/api/v1/tenants",
                registration(tenant, "Acme Corp", "PT4H", 0.05));

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.header("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/v1/tenants/" + tenant));
        assertThat(registered.header("ETag")).contains("\"0\"");
        assertThat(registered.json().path("tenantId").asText()).isEqualTo(tenant);
        assertThat(registered.json().path("version").asLong()).isZero();
        assertThat(eventsOf("tenant:" + tenant)).isEqualTo(1);

        HttpJson.Response read = awaitTenant(tenant);
        JsonNode view = read.json();
        assertThat(view.path("displayName").asText()).isEqualTo("Acme Corp");
        assertThat(view.path("escalationSlaSeconds").asLong()).isEqualTo(4 * 3600);
        assertThat(view.path("reviewSampleRate").asDouble()).isEqualTo(0.05);
        assertThat(view.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(view.path("version").asLong()).isZero();
        assertThat(read.header("ETag")).contains("\"0\"");
    }

    @Test
    void registeringAnExistingTenantAgainIsAConflictAndWritesNothing() {
        String tenant = uniqueTenantId();
        assertThat(as(OPERATOR).post("/api/v1/tenants", registration(tenant, "First", "PT4H", 0.05)).status())
                .isEqualTo(201);

        HttpJson.Response again = as(OPERATOR).post("/api/v1/tenants", registration(tenant, "Second", "PT1H", 0.5));

        assertProblem(again, 409, "already-exists", null);
        assertThat(eventsOf("tenant:" + tenant)).isEqualTo(1);
        assertThat(awaitTenant(tenant).json().path("displayName").asText()).isEqualTo("First");
    }

    @Test
    void theTenantListShowsRegisteredTenantsToOperatorsAndAuditors() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT2H");

        for (String user : List.of(OPERATOR, AUDITOR)) {
            HttpJson.Response list = as(user).get("/api/v1/tenants");
            assertThat(list.status()).as(user).isEqualTo(200);
            assertThat(tenantIds(list.json().path("tenants"))).as(user).contains(tenant);
        }
    }

    @Test
    void anUnknownTenantIsNotFound() {
        assertProblem(as(OPERATOR).get("/api/v1/tenants/" + uniqueTenantId()), 404, "not-found", null);
    }

    @Test
    void settingsChangeWithTheCurrentIfMatchAndTheNewETagComesBack() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");

        HttpJson.Response changed = as(OPERATOR).header("If-Match", "\"0\"")
                .put("/api/v1/tenants/" + tenant + "/settings", settings("Renamed", "PT1H", 0.2));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.header("ETag")).contains("\"1\"");
        assertThat(changed.json().path("version").asLong()).isEqualTo(1);
        assertThat(eventsOf("tenant:" + tenant)).isEqualTo(2);
        await().atMost(READ_MODEL).untilAsserted(() -> {
            HttpJson.Response read = as(OPERATOR).get("/api/v1/tenants/" + tenant);
            assertThat(read.json().path("displayName").asText()).isEqualTo("Renamed");
            assertThat(read.json().path("escalationSlaSeconds").asLong()).isEqualTo(3600);
            assertThat(read.json().path("reviewSampleRate").asDouble()).isEqualTo(0.2);
            assertThat(read.header("ETag")).contains("\"1\"");
        });
    }

    @Test
    void settingsChangeWithoutIfMatchAppliesToTheLatestVersion() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        as(OPERATOR).put("/api/v1/tenants/" + tenant + "/settings", settings("One", "PT1H", 0.1));

        HttpJson.Response changed = as(OPERATOR).put("/api/v1/tenants/" + tenant + "/settings",
                settings("Two", "PT1H", 0.1));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.header("ETag")).contains("\"2\"");
        assertThat(eventsOf("tenant:" + tenant)).isEqualTo(3);
    }

    @Test
    void settingsChangeWithAStaleIfMatchIsRefusedAndWritesNothing() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        assertThat(as(OPERATOR).header("If-Match", "\"0\"")
                .put("/api/v1/tenants/" + tenant + "/settings", settings("Winner", "PT1H", 0.1)).status())
                .isEqualTo(200);

        HttpJson.Response stale = as(OPERATOR).header("If-Match", "\"0\"")
                .put("/api/v1/tenants/" + tenant + "/settings", settings("Loser", "PT2H", 0.3));

        assertProblem(stale, 412, "stale-version", "If-Match");
        assertThat(eventsOf("tenant:" + tenant)).isEqualTo(2);
        await().atMost(READ_MODEL).untilAsserted(() -> assertThat(
                as(OPERATOR).get("/api/v1/tenants/" + tenant).json().path("displayName").asText()).isEqualTo("Winner"));
    }

    @Test
    void unchangedSettingsWriteNoEventAndKeepTheVersion() {
        String tenant = uniqueTenantId();
        as(OPERATOR).post("/api/v1/tenants", registration(tenant, tenant, "PT4H", 0.05));

        HttpJson.Response same = as(OPERATOR).header("If-Match", "\"0\"")
                .put("/api/v1/tenants/" + tenant + "/settings", settings(tenant, "PT4H", 0.05));

        assertThat(same.status()).as(same.toString()).isEqualTo(200);
        assertThat(same.header("ETag")).contains("\"0\"");
        assertThat(eventsOf("tenant:" + tenant)).isEqualTo(1);
    }

    @Test
    void changingTheSettingsOfAnUnknownTenantIsNotFound() {
        String tenant = uniqueTenantId();

        HttpJson.Response missing = as(OPERATOR).put("/api/v1/tenants/" + tenant + "/settings",
                settings("Ghost", "PT1H", 0.1));

        assertProblem(missing, 404, "not-found", null);
        assertThat(eventsOf("tenant:" + tenant)).isZero();
    }

    @Test
    void aSuspendedTenantShowsSuspendedAndCannotBeSuspendedOrChangedAgain() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");

        HttpJson.Response suspended = as(OPERATOR).header("If-Match", "\"0\"")
                .post("/api/v1/tenants/" + tenant + "/suspension", "{\"reason\":\"unpaid invoices\"}");

        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        assertThat(suspended.header("ETag")).contains("\"1\"");
        await().atMost(READ_MODEL).untilAsserted(() -> assertThat(
                as(OPERATOR).get("/api/v1/tenants/" + tenant).json().path("status").asText()).isEqualTo("SUSPENDED"));

        assertProblem(as(OPERATOR).post("/api/v1/tenants/" + tenant + "/suspension", "{\"reason\":\"again\"}"),
                409, "tenant-suspended", null);
        assertProblem(as(OPERATOR).put("/api/v1/tenants/" + tenant + "/settings", settings("New", "PT1H", 0.1)),
                409, "tenant-suspended", null);
        assertThat(eventsOf("tenant:" + tenant)).isEqualTo(2);
    }

    @Test
    void aSuspendedTenantGetsNoNewEscalations() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        as(OPERATOR).post("/api/v1/tenants/" + tenant + "/suspension", "{\"reason\":\"fraud review\"}");
        await().atMost(READ_MODEL).until(() ->
                as(OPERATOR).get("/api/v1/tenants/" + tenant).json().path("status").asText().equals("SUSPENDED"));

        HttpJson.Response refused = as(OPERATOR).post("/api/v1/escalations",
                "{\"tenantId\":\"%s\",\"taskId\":\"task-s\",\"reason\":\"risky\",\"risk\":0.7}".formatted(tenant));

        assertProblem(refused, 409, "tenant-suspended", "tenantId");
        assertThat(eventsMentioning("EscalationOpened", tenant)).isZero();
    }

    @Test
    void aTenantPrincipalReadsItsOwnTenantButNotAnotherOne() {
        ensureTenant("acme", "PT4H");
        ensureTenant("globex", "PT4H");

        HttpJson.Response own = as(TENANT_ACME).get("/api/v1/tenants/acme");
        HttpJson.Response other = as(TENANT_ACME).get("/api/v1/tenants/globex");

        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().path("tenantId").asText()).isEqualTo("acme");
        assertProblem(other, 403, "forbidden", "tenantId");
    }

    @Test
    void aTenantPrincipalCannotListTenantsNorRegisterOne() {
        String tenant = uniqueTenantId();

        assertProblem(as(TENANT_ACME).get("/api/v1/tenants"), 403, "forbidden", null);
        assertProblem(as(TENANT_ACME).post("/api/v1/tenants", registration(tenant, "Mine", "PT4H", 0.1)),
                403, "forbidden", null);
        assertThat(eventsOf("tenant:" + tenant)).isZero();
    }

    private HttpJson.Response awaitTenant(String tenant) {
        await().atMost(READ_MODEL).until(() -> as(OPERATOR).get("/api/v1/tenants/" + tenant).status() == 200);
        return as(OPERATOR).get("/api/v1/tenants/" + tenant);
    }

    private static List<String> tenantIds(JsonNode tenants) {
        List<String> ids = new ArrayList<>();
        tenants.forEach(node -> ids.add(node.path("tenantId").asText()));
        return ids;
    }

    static String registration(String tenant, String displayName, String sla, double sampleRate) {
        return """
                {"tenantId":"%s","displayName":"%s","escalationSla":"%s","reviewSampleRate":%s}
                """.formatted(tenant, displayName, sla, sampleRate);
    }

    static String settings(String displayName, String sla, double sampleRate) {
        return """
                {"displayName":"%s","escalationSla":"%s","reviewSampleRate":%s}
                """.formatted(displayName, sla, sampleRate);
    }
}
