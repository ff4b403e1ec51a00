package io.flk.api.budget;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.cost.CostEvents;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import io.flk.domain.budget.BudgetId;
import io.flk.domain.budget.HardCapBehaviour;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class BudgetApiTest extends ApiTestSupport {

    private static final YearMonth NOW = YearMonth.now(ZoneOffset.UTC);

    @Autowired
    private EventGateway events;
    @Autowired
    private BudgetMonitor monitor;
    @Autowired
    private BudgetGate gate;

    @Test
    void anOperatorDefinesABudgetThatTheTenantAndAuditorsReadButOtherTenantsDoNot() {
        String tenant = "acme";
        ensureTenant(tenant, "PT4H");
        String period = "2031-0" + (1 + (int) (Math.random() * 9));
        HttpJson.Response defined = as(OPERATOR).post("/api/v1/budgets", budget(tenant, period, "80", "100"));
        assertThat(defined.status()).as(defined.toString()).isIn(201, 409);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                as(TENANT_ACME).get("/api/v1/budgets/acme/" + period).status() == 200);
        HttpJson.Response read = as(TENANT_ACME).get("/api/v1/budgets/acme/" + period);
        assertThat(read.header("ETag")).isPresent();
        assertThat(read.json().path("hardCapBehaviour").asText()).isEqualTo("REJECT_429");
        assertThat(as(AUDITOR).get("/api/v1/budgets?tenantId=acme").status()).isEqualTo(200);
        assertProblem(as(TENANT_GLOBEX).get("/api/v1/budgets/acme/" + period), 403, "forbidden", "tenantId");
        assertProblem(as(TENANT_GLOBEX).get("/api/v1/budgets?tenantId=acme"), 403, "forbidden", "tenantId");
        assertProblem(as(APPROVER).post("/api/v1/budgets", budget(tenant, period, "80", "100")), 403, "forbidden", null);
        assertProblem(as(TENANT_ACME).post("/api/v1/budgets", budget(tenant, period, "80", "100")), 403, "forbidden",
                null);
    }

    @Test
    void badCapsPeriodsAndTenantsAreRefusedNamingTheFieldAndWriteNothing() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String id = BudgetId.of(TenantId.of(tenant), NOW).toString();

        assertProblem(as(OPERATOR).post("/api/v1/budgets", budget(tenant, NOW.toString(), "120", "100")), 400,
                "invalid-field", "softCapUsd");
        assertProblem(as(OPERATOR).post("/api/v1/budgets", budget(tenant, NOW.toString(), "10", "-5")), 400,
                "invalid-field", "hardCapUsd");
        assertProblem(as(OPERATOR).post("/api/v1/budgets", budget(tenant, "2026-13", "10", "20")), 400,
                "invalid-field", "period");
        assertProblem(as(OPERATOR).post("/api/v1/budgets", budget(uniqueTenantId(), NOW.toString(), "10", "20")), 422,
                "unknown-tenant", "tenantId");
        assertProblem(as(OPERATOR).post("/api/v1/budgets", """
                {"tenantId":"%s","period":"%s","softCapUsd":1,"hardCapUsd":2,"hardCapBehaviour":"PANIC"}
                """.formatted(tenant, NOW)), 400, "invalid-field", "hardCapBehaviour");
        assertThat(eventsOf(id)).isZero();
    }

    @Test
    void spendPastALowHardCapClosesTheGateUntilTheBudgetIsRaised() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        BudgetId id = BudgetId.of(TenantId.of(tenant), NOW);
        HttpJson.Response defined = as(OPERATOR).post("/api/v1/budgets", budget(tenant, NOW.toString(), "0.5", "1"));
        assertThat(defined.status()).as(defined.toString()).isEqualTo(201);
        events.publish(CostEvents.verified(tenant, 0.9, 0.1, 0.3, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> as(OPERATOR)
                .get("/api/v1/cost/attribution?tenantId=" + tenant + "&from=" + NOW.atDay(1) + "&to="
                        + NOW.plusMonths(1).atDay(1)).json().path("lines").size() == 3);

        monitor.measure(id);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> gate.hardCapFor(TenantId.of(tenant)).equals(Optional.of(HardCapBehaviour.REJECT_429)));
        HttpJson.Response budget = as(OPERATOR).get("/api/v1/budgets/" + tenant + "/" + NOW);
        assertThat(budget.json().path("hardCapActive").asBoolean()).isTrue();
        assertThat(budget.json().path("softCapForecast").asBoolean()).isTrue();
        assertThat(budget.json().path("lastSpentUsd").asDouble()).isEqualTo(1.3);
        assertProblem(as(OPERATOR).header("If-Match", "\"0\"").put("/api/v1/budgets/" + tenant + "/" + NOW,
                "{\"softCapUsd\":5,\"hardCapUsd\":10}"), 412, "stale-version", "If-Match");

        HttpJson.Response raised = as(OPERATOR).header("If-Match", budget.header("ETag").orElseThrow())
                .put("/api/v1/budgets/" + tenant + "/" + NOW, "{\"softCapUsd\":5,\"hardCapUsd\":10}");

        assertThat(raised.status()).as(raised.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> gate.hardCapFor(TenantId.of(tenant)).isEmpty());
        assertThat(eventsOf(id.toString())).isEqualTo(5);
    }

    private static String budget(String tenant, String period, String soft, String hard) {
        return """
                {"tenantId":"%s","period":"%s","softCapUsd":%s,"hardCapUsd":%s,"hardCapBehaviour":"REJECT_429",
                 "degradeAction":"DISABLE_MOST_EXPENSIVE_STRATEGY"}
                """.formatted(tenant, period, soft, hard);
    }
}
