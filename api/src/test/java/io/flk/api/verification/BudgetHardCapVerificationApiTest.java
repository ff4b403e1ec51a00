package io.flk.api.verification;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.api.verification.VerificationRequests.GROUNDED;
import static io.flk.api.verification.VerificationRequests.ragOnlyPolicy;
import static io.flk.api.verification.VerificationRequests.verification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.budget.BudgetGate;
import io.flk.api.budget.BudgetMonitor;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import io.flk.domain.budget.BudgetId;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A budget with a low hard cap visibly changes what verification answers for that tenant, until it is raised. */
class BudgetHardCapVerificationApiTest extends ApiTestSupport {

    private static final YearMonth NOW = YearMonth.now(ZoneOffset.UTC);

    @Autowired
    private BudgetMonitor monitor;
    @Autowired
    private BudgetGate gate;

    @Test
    void underAnEscalateAllHardCapEveryTaskIsEscalatedWithoutRunningTheStrategies() {
        String tenant = tenantOverItsHardCap("ESCALATE_ALL");

        HttpJson.Response capped = as(OPERATOR).post("/api/v1/verifications", verification(tenant, "capped", GROUNDED));

        assertThat(capped.status()).as(capped.body()).isEqualTo(202);
        assertThat(capped.json().get("votes")).isEmpty();
        String escalationId = capped.json().get("escalationId").asText();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(OPERATOR).get("/api/v1/escalations/" + escalationId).status() == 200);
        assertThat(escalation(escalationId).get("reason").asText()).contains("budget hard cap");
        assertThat(eventsMentioning("TaskVerified", "\"budgetHardCap\":\"ESCALATE_ALL\"")).isPositive();

        raiseBudget(tenant);

        assertThat(as(OPERATOR).post("/api/v1/verifications", verification(tenant, "raised", GROUNDED)).status())
                .isEqualTo(200);
    }

    @Test
    void underARejectingHardCapVerificationsAnswer429AndRecordNothing() {
        String tenant = tenantOverItsHardCap("REJECT_429");

        HttpJson.Response refused = as(OPERATOR).post("/api/v1/verifications", verification(tenant, "refused", GROUNDED));

        assertProblem(refused, 429, "budget-hard-cap", "tenantId");
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(eventsMentioning("TaskVerified", "\"refused\"")).isZero();
    }

    /** Two verified tasks at $0.60 of LLM cost each pass a $1 hard cap once the monitor measures the spend. */
    private String tenantOverItsHardCap(String behaviour) {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        as(OPERATOR).put("/api/v1/tenants/" + tenant + "/ensemble-policy", ragOnlyPolicy(0));
        HttpJson.Response budget = as(OPERATOR).post("/api/v1/budgets", """
                {"tenantId":"%s","period":"%s","softCapUsd":0.5,"hardCapUsd":1,"hardCapBehaviour":"%s",
                 "degradeAction":"NONE"}""".formatted(tenant, NOW, behaviour));
        assertThat(budget.status()).as(budget.body()).isEqualTo(201);
        for (String task : new String[] {"spend-1", "spend-2"}) {
            assertThat(as(OPERATOR).post("/api/v1/verifications",
                    verification(tenant, task, GROUNDED).replace("\"llmCostUsd\":0.002", "\"llmCostUsd\":0.6"))
                    .status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> spentUsd(tenant) >= 1.2);
        monitor.measure(BudgetId.of(TenantId.of(tenant), NOW));
        await().atMost(Duration.ofSeconds(15)).until(() -> gate.hardCapFor(TenantId.of(tenant)).isPresent());
        return tenant;
    }

    private double spentUsd(String tenant) {
        JsonNode lines = as(OPERATOR).get("/api/v1/cost/attribution?tenantId=" + tenant + "&from=" + NOW.atDay(1)
                + "&to=" + NOW.plusMonths(1).atDay(1)).json().path("lines");
        double total = 0;
        for (JsonNode line : lines) {
            total += line.path("costUsd").asDouble();
        }
        return total;
    }

    private void raiseBudget(String tenant) {
        HttpJson.Response current = as(OPERATOR).get("/api/v1/budgets/" + tenant + "/" + NOW);
        assertThat(as(OPERATOR).header("If-Match", current.header("ETag").orElseThrow())
                .put("/api/v1/budgets/" + tenant + "/" + NOW, "{\"softCapUsd\":50,\"hardCapUsd\":100}").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> gate.hardCapFor(TenantId.of(tenant)).isEmpty());
    }
}
