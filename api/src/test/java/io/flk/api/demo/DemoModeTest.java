package io.flk.api.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.IsolatedApplication;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A new user who starts demo mode sees KPIs, escalations and metrics move within a minute. */
class DemoModeTest {

    @Test
    void demoTrafficFillsKpisEscalationsAndMetricsWithinAMinute() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase("flk.demo.enabled=true",
                "flk.demo.tasks-per-second=20", "flk.demo.review-delay=2s")) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                JsonNode kpis = app.as(ApiTestSupport.AUDITOR).get("/api/v1/kpis?tenantId=acme").json();
                return kpis.path("treatment").path("counts").path("labelled").asLong() > 0
                        && kpis.path("treatment").path("counts").path("escalated").asLong() > 0
                        && !app.as(ApiTestSupport.OPERATOR).get("/api/v1/escalations?tenantId=globex").json()
                                .get("escalations").isEmpty();
            });
            JsonNode kpis = app.as(ApiTestSupport.AUDITOR).get("/api/v1/kpis?tenantId=acme").json();
            assertThat(kpis.get("treatment").get("counts").get("tasks").asLong()).isPositive();
            assertThat(kpis.get("treatment").get("costPerTrustedTaskUsd").asDouble()).isPositive();
            assertThat(app.as(ApiTestSupport.OPERATOR).get("/api/v1/tenants/globex/ensemble-policy").json()
                    .get("policyVersion").asLong()).isEqualTo(1);
            String metrics = app.as(ApiTestSupport.OPERATOR).get("/actuator/prometheus").body();
            assertThat(metrics).contains("flk_verify_seconds_bucket{").contains("flk_strategy_seconds_count{")
                    .contains("flk_cost_usd_total{");
        }
    }

    @Test
    void demoModeTrainsAndRegistersTheFirstTenantsHrsOnceLabelsHaveGathered() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase("flk.demo.enabled=true",
                "flk.demo.tasks-per-second=40", "flk.demo.review-delay=1s", "flk.demo.review-sample-rate=0.5",
                "flk.demo.hrs-training-after=PT20S")) {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).until(() ->
                    app.as(ApiTestSupport.AUDITOR).get("/api/v1/tenants/acme/hrs/versions").json().get("versions")
                            .size() == 1);
            JsonNode version = app.as(ApiTestSupport.AUDITOR).get("/api/v1/tenants/acme/hrs/versions").json()
                    .get("versions").get(0);
            assertThat(version.at("/model/featureSchema").size()).isPositive();
            assertThat(version.at("/model/metrics/rocAuc").asDouble()).as("test AUC of %s", version).isGreaterThan(0.5);
            assertThat(version.get("registeredBy").asText()).isEqualTo(DemoTraffic.ACTOR);
            assertThat(version.has("role")).as("registered, not promoted").isFalse();
        }
    }
}
