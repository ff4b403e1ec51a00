package io.flk.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.RecordedTasks;
import io.flk.api.verification.VerificationRequests;
import io.flk.dashboards.MonitoringFiles.Expression;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.Vote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * Every metric that a dashboard panel, a dashboard variable or an alert rule reads is exposed by the real
 * application at {@code /actuator/prometheus}, under exactly that series name. A renamed meter, a histogram
 * that lost its buckets, a typo: the dashboard would silently show "No data", so this test fails instead.
 */
// @SpringBootTest leaves metrics export off unless asked: without this there is no /actuator/prometheus.
@AutoConfigureObservability
class MetricsExposedByTheAppTest extends ApiTestSupport {

    /** Series that Prometheus itself records for every target; the app cannot expose them. */
    private static final Set<String> PROMETHEUS_OWN_SERIES = Set.of("up", "scrape_duration_seconds",
            "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added");

    @Autowired
    private EventGateway events;

    @BeforeEach
    void generateTraffic() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        assertThat(as(OPERATOR).put("/api/v1/tenants/" + tenant + "/ensemble-policy",
                VerificationRequests.HRS_ONLY_POLICY).status()).as("HRS scores every task, whatever the load")
                .isEqualTo(201);
        assertThat(as(OPERATOR).post("/api/v1/verifications", """
                {"tenantId":"%s","taskId":"task-dashboards-0","model":"gpt-4o","answer":"Paris is the capital of France.",
                 "sources":[{"id":"s1","text":"Paris is the capital of France."}],"llmCostUsd":0.001}
                """.formatted(tenant)).status()).as("a verification for the verification panels").isIn(200, 202);
        String resolved = openEscalation(tenant, "task-dashboards-1");
        assertThat(as(OPERATOR).post("/api/v1/escalations/" + resolved + "/assignment",
                "{\"assignee\":\"operator\"}").status()).isEqualTo(200);
        assertThat(as(OPERATOR).post("/api/v1/escalations/" + resolved + "/resolution",
                "{\"verdict\":\"HALLUCINATION\"}").status()).isEqualTo(200);
        openEscalation(tenant, "task-dashboards-2");
        publishHrsScoresWithLabels(tenant);
        assertThat(as(OPERATOR).get("/api/v1/escalations/e-00000000-0000-0000-0000-000000000000").status())
                .as("a 4xx for the error panels").isBetween(400, 499);
    }

    /** One hallucinated and one grounded labelled task scored by one HRS version: enough for its online AUC. */
    private void publishHrsScoresWithLabels(String tenant) {
        Instant now = Instant.now();
        List<Object> batch = new ArrayList<>();
        for (boolean hallucinated : new boolean[] {true, false}) {
            String taskId = "task-dashboards-hrs-" + hallucinated;
            double score = hallucinated ? 0.2 : 0.9;
            batch.addAll(RecordedTasks.verifiedThenLabelled(
                    new TaskVerified(TenantId.of(tenant), taskId, "gpt-4o", 0, false, Decision.PASS, 1 - score,
                            List.of(new StrategyVerdict(StrategyName.HRS, score, Vote.GROUNDED, 100, 0, false, false,
                                    "hrs-dashboards")), Map.of("hrs", "hrs-dashboards"), Map.of(), 0, 0, null, 1_000,
                            now, null, Map.of()),
                    new TaskLabelled(TenantId.of(tenant), taskId,
                            hallucinated ? Verdict.HALLUCINATION : Verdict.GROUNDED, LabelSource.REVIEW, null,
                            "operator", 0, now)));
        }
        events.publish(batch);
    }

    @Test
    void theScrapeEndpointIsOpenWithoutCredentials() {
        HttpJson.Response scrape = anonymous().get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void everyMetricReadByTheDashboardsAndAlertsIsExposedByTheApp() {
        List<Expression> expressions = MonitoringFiles.allExpressions();
        Set<String> referenced = new TreeSet<>();
        expressions.forEach(expression -> referenced.addAll(expression.metricNames()));
        referenced.removeAll(PROMETHEUS_OWN_SERIES);
        assertThat(referenced).as("the files reference metrics at all").hasSizeGreaterThan(20);

        // Gauges refresh on a schedule and the resolution histogram is written by an event processor.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(missing(scrape(), referenced, expressions))
                        .as("metrics read by the dashboards or alerts but not exposed by the app").isEmpty());
    }

    @Test
    void aMetricTheAppDoesNotExposeIsCaught() {
        Expression typo = new Expression("a panel with a typo", "sum(flk_escalation_open) + rate(flk_escalation_resolution_seconds[5m])",
                PromQl.metricNames("sum(flk_escalation_open) + rate(flk_escalation_resolution_seconds[5m])"));

        // The resolution histogram is written by an event processor: until it is, the name is not there at all.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, String> missing = missing(scrape(), typo.metricNames(), List.of(typo));

            assertThat(missing).containsOnlyKeys("flk_escalation_open", "flk_escalation_resolution_seconds");
            assertThat(missing.get("flk_escalation_resolution_seconds")).contains("histogram family");
        });
    }

    @Test
    void theAxonMetricsTheDashboardReliesOnCarryTheirDimensions() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String body = anonymous().get("/actuator/prometheus").body();
            assertThat(body).containsPattern("eventProcessor_latency\\{[^}]*processorName=\"escalations\"");
            assertThat(body).containsPattern("commandBus_successCounter_total\\{[^}]*payloadType=\"OpenEscalation\"");
            assertThat(body).containsPattern("commandBus_allTimer_seconds\\{[^}]*quantile=\"0.95\"");
            assertThat(body).containsPattern(
                    "flk_escalation_resolution_seconds_bucket\\{[^}]*tenant=\"[^\"]+\",verdict=\"HALLUCINATION\",le=\"14400.0\"");
        });
    }

    private PrometheusScrape scrape() {
        HttpJson.Response response = anonymous().get("/actuator/prometheus");
        assertThat(response.status()).as("GET /actuator/prometheus").isEqualTo(200);
        return PrometheusScrape.parse(response.body());
    }

    /** Each referenced name the scrape lacks, with why and where it is used. */
    private static Map<String, String> missing(PrometheusScrape scrape, Set<String> referenced,
                                               List<Expression> expressions) {
        Map<String, String> missing = new TreeMap<>();
        for (String name : referenced) {
            if (!scrape.exposes(name)) {
                List<String> usedBy = expressions.stream().filter(expression -> expression.metricNames().contains(name))
                        .map(Expression::source).toList();
                missing.put(name, scrape.whyMissing(name) + "; used by " + usedBy);
            }
        }
        return missing;
    }
}
