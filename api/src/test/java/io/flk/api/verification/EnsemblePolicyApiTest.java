package io.flk.api.verification;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.verification.VerificationRequests.GROUNDED;
import static io.flk.api.verification.VerificationRequests.ragOnlyPolicy;
import static io.flk.api.verification.VerificationRequests.verification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnsemblePolicyApiTest extends ApiTestSupport {

    @Test
    void aTenantWithoutAPolicyIsVerifiedUnderTheBuiltInDefaultVersionZero() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");

        JsonNode policy = as(AUDITOR).get("/api/v1/tenants/" + tenant + "/ensemble-policy").json();

        assertThat(policy.get("policyVersion").asLong()).isZero();
        assertThat(policy.get("policy").get("treatment").get("strategies").fieldNames())
                .toIterable().containsExactlyInAnyOrder("rag-grounding", "micro-vote", "hrs");
        assertThat(policy.get("policy").get("baseline").get("strategies").fieldNames())
                .toIterable().containsExactly("hrs");
    }

    @Test
    void aChangeIsANewVersionUsedFromTheNextVerificationWithItsHistoryKept() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        HttpJson.Response defined = as(OPERATOR).put("/api/v1/tenants/" + tenant + "/ensemble-policy",
                ragOnlyPolicy(0));
        assertThat(defined.header("ETag")).hasValue("\"0\"");

        HttpJson.Response changed = as(OPERATOR).header("If-Match", "\"0\"")
                .put("/api/v1/tenants/" + tenant + "/ensemble-policy", ragOnlyPolicy(0.2));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("policyVersion").asLong()).isEqualTo(2);
        assertThat(as(OPERATOR).post("/api/v1/verifications", verification(tenant, "after-change", GROUNDED)).json()
                .get("policyVersion").asLong()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> as(AUDITOR)
                .get("/api/v1/tenants/" + tenant + "/ensemble-policy/versions").json().get("versions").size() == 2);
        JsonNode history = as(AUDITOR).get("/api/v1/tenants/" + tenant + "/ensemble-policy/versions").json();
        assertThat(history.get("versions").get(1).get("changedBy").asText()).isEqualTo(OPERATOR);
        assertThat(history.get("versions").get(1).get("reason").asText()).isEqualTo("tests decide by grounding");
        assertThat(history.get("versions").get(1).get("policy").get("controlShare").asDouble()).isEqualTo(0.2);
    }

    @Test
    void aChangeAgainstAStaleVersionIsRefused() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        as(OPERATOR).put("/api/v1/tenants/" + tenant + "/ensemble-policy", ragOnlyPolicy(0));
        as(OPERATOR).header("If-Match", "\"0\"").put("/api/v1/tenants/" + tenant + "/ensemble-policy",
                ragOnlyPolicy(0.1));

        assertProblem(as(OPERATOR).header("If-Match", "\"0\"").put("/api/v1/tenants/" + tenant + "/ensemble-policy",
                ragOnlyPolicy(0.3)), 412, "stale-version", "If-Match");
    }

    @Test
    void onlyOperatorsChangePoliciesAndTenantsReadOnlyTheirOwn() {
        ensureTenant("acme", "PT4H");
        ensureTenant("globex", "PT4H");

        assertThat(as(TENANT_ACME).put("/api/v1/tenants/acme/ensemble-policy", ragOnlyPolicy(0)).status())
                .isEqualTo(403);
        assertThat(as(APPROVER).put("/api/v1/tenants/acme/ensemble-policy", ragOnlyPolicy(0)).status())
                .isEqualTo(403);
        assertThat(as(TENANT_ACME).get("/api/v1/tenants/acme/ensemble-policy").status()).isEqualTo(200);
        assertProblem(as(TENANT_ACME).get("/api/v1/tenants/globex/ensemble-policy"), 403, "forbidden", "tenantId");
    }

    @Test
    void aPolicyForAnUnknownTenantIsRefused() {
        assertProblem(as(OPERATOR).put("/api/v1/tenants/" + uniqueTenantId() + "/ensemble-policy", ragOnlyPolicy(0)),
                422, "unknown-tenant", "tenantId");
    }
}
