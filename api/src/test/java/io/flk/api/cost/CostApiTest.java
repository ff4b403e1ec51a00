package io.flk.api.cost;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.BillingUploads;
import io.flk.api.testing.HttpJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CostApiTest extends ApiTestSupport {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    private EventGateway events;

    @Test
    void aThirtyDayForecastWithIntervalsIsServedFromFourWeeksOfRecordedCost() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        for (int daysAgo = 28; daysAgo >= 1; daysAgo--) {
            double weekly = TODAY.minusDays(daysAgo).getDayOfWeek().getValue() >= 6 ? 0.5 : 1.0;
            events.publish(CostEvents.verified(tenant, 2.0 * weekly, 0.1, 0.4,
                    TODAY.minusDays(daysAgo).atTime(12, 0).toInstant(ZoneOffset.UTC)));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> as(OPERATOR)
                .get("/api/v1/cost/attribution?tenantId=" + tenant + "&from=" + TODAY.minusDays(30) + "&to=" + TODAY)
                .json().path("lines").size() == 28 * 3);

        HttpJson.Response forecast = as("tenant-acme").get("/api/v1/cost/forecasts?tenantId=" + tenant + "&horizon=30");
        assertProblem(forecast, 403, "forbidden", "tenantId");

        HttpJson.Response served = as(AUDITOR).get("/api/v1/cost/forecasts?tenantId=" + tenant + "&horizon=30");
        assertThat(served.status()).as(served.toString()).isEqualTo(200);
        assertThat(served.json().path("historyDays").asInt()).isEqualTo(28);
        assertThat(served.json().path("points")).hasSize(30);
        served.json().path("points").forEach(point -> {
            assertThat(point.path("lowerUsd").asDouble()).isLessThanOrEqualTo(point.path("pointUsd").asDouble());
            assertThat(point.path("pointUsd").asDouble()).isLessThanOrEqualTo(point.path("upperUsd").asDouble());
        });
        // Weekdays cost 2.5 USD and weekend days 1.5 USD: a month ahead lies between those extremes.
        assertThat(served.json().path("totalPointUsd").asDouble()).isBetween(30 * 1.5 * 0.9, 30 * 2.5 * 1.1);
    }

    @Test
    void tooShortAHistoryIsA422NotAnInventedNumber() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        events.publish(CostEvents.verified(tenant, 1, 0.1, 0.1, TODAY.minusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC)));

        assertProblem(as(OPERATOR).get("/api/v1/cost/forecasts?tenantId=" + tenant + "&horizon=7"), 422,
                "insufficient-history", "tenantId");
    }

    @Test
    void anUnknownHorizonNamesTheField() {
        assertProblem(as(OPERATOR).get("/api/v1/cost/forecasts?tenantId=acme&horizon=14"), 400, "invalid-field",
                "horizon");
    }

    @Test
    void anOnDemandReconciliationReportsItsDiffAndRaisesTheAlertBeyondThreePercent() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        LocalDate day = LocalDate.parse("2025-03-04");
        events.publish(CostEvents.verified(tenant, 10.0, 0.2, 0.3, day.atTime(9, 0).toInstant(ZoneOffset.UTC)));
        String bill = BillingUploads.FOCUS_HEADER + "\n"
                + BillingUploads.focusRow(day, "acct-" + tenant, "flk:llm", "9.50",
                        "{\"\"flk-tenant\"\": \"\"" + tenant + "\"\"}") + "\n"
                + BillingUploads.focusRow(day, "acct-" + tenant, "Amazon S3", "4", "NULL") + "\n";
        HttpJson.Response imported = BillingUploads.upload(port, OPERATOR, "bill.csv",
                bill.getBytes(StandardCharsets.UTF_8), null);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String importedFile = BillingUploads.IMPORTS + "/" + imported.json().path("fileSha256").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> as(OPERATOR).get(importedFile).status() == 200);
        await().atMost(Duration.ofSeconds(15)).until(() -> as(OPERATOR)
                .get("/api/v1/cost/attribution?tenantId=" + tenant + "&from=" + day + "&to=" + day.plusDays(1))
                .json().path("lines").size() == 3);

        assertProblem(as("tenant-acme").post("/api/v1/cost/reconciliations",
                "{\"from\":\"%s\",\"to\":\"%s\"}".formatted(day, day.plusDays(1))), 403, "forbidden", null);
        HttpJson.Response run = as(OPERATOR).post("/api/v1/cost/reconciliations",
                "{\"from\":\"%s\",\"to\":\"%s\"}".formatted(day, day.plusDays(1)));

        assertThat(run.status()).as(run.toString()).isEqualTo(201);
        assertThat(run.json().path("result").has("diffPercent")).as(run.body()).isTrue();
        String id = run.json().path("reconciliationId").asText();
        // Internal 10.50 against 9.50 billed to the tenant: +10.53 %; the untagged S3 line is unallocated.
        assertThat(run.json().path("result").path("diffPercent").asDouble()).isCloseTo(10.526316,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(run.json().path("result").path("unallocatedUsd").decimalValue()).isGreaterThanOrEqualTo(
                new BigDecimal("4"));
        assertThat(run.json().path("exceeded").asBoolean()).isTrue();
        assertThat(eventsMentioning("ReconciliationDiffExceeded", id)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> as(AUDITOR).get("/api/v1/cost/reconciliations").json()
                .path("reconciliations").findValuesAsText("reconciliationId").contains(id));
    }

    @Test
    void aReconciliationPeriodThatEndsBeforeItStartsWritesNothing() {
        assertProblem(as(OPERATOR).post("/api/v1/cost/reconciliations",
                "{\"from\":\"2025-03-05\",\"to\":\"2025-03-04\"}"), 400, "invalid-field", "from");
    }
}
