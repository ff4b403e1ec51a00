package io.flk.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.dashboards.MonitoringFiles.Expression;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Prometheus rule file is complete: every rule can page someone with enough to act on. */
class AlertRulesTest {

    private static final String DURATION = "(\\d+(ms|s|m|h|d|w|y))+";
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

    @Test
    @SuppressWarnings("unchecked")
    void groupsHaveUniqueNamesAndRules() {
        List<Map<String, Object>> groups = (List<Map<String, Object>>) MonitoringFiles.yaml(MonitoringFiles.ALERTS)
                .get("groups");
        assertThat(groups).isNotEmpty();
        Set<Object> names = new HashSet<>();
        for (Map<String, Object> group : groups) {
            assertThat(names.add(group.get("name"))).as("group name %s is unique", group.get("name")).isTrue();
            assertThat((List<Object>) group.get("rules")).as("rules of %s", group.get("name")).isNotEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRuleHasAlertExprForSeverityAndSummary() {
        Set<Object> alerts = new HashSet<>();
        for (Map<String, Object> rule : MonitoringFiles.alertRules()) {
            Object name = rule.get("alert");
            assertThat(name).as("a rule without alert name: %s", rule).isInstanceOf(String.class);
            assertThat(alerts.add(name)).as("alert %s is unique", name).isTrue();
            assertThat(String.valueOf(rule.get("expr"))).as("%s expr", name).isNotBlank();
            assertThat(rule.get("expr")).as("%s expr", name).isNotNull();
            assertThat(String.valueOf(rule.get("for"))).as("%s for", name).matches(DURATION);
            Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
            assertThat(labels).as("%s labels", name).isNotNull();
            assertThat(labels.get("severity")).as("%s labels.severity", name).isIn(SEVERITIES);
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            assertThat(annotations).as("%s annotations", name).isNotNull();
            assertThat(String.valueOf(annotations.get("summary"))).as("%s annotations.summary", name)
                    .isNotBlank().isNotEqualTo("null");
        }
        assertThat(alerts).contains("FlkDeadLettersParked", "FlkEscalationsOpenGrowing", "FlkHighServerErrorRate",
                "FlkEventProcessorLagging", "FlkEventProcessorFailing");
    }

    @Test
    void everyRuleReadsAtLeastOneMetric() {
        for (Expression expression : MonitoringFiles.alertExpressions()) {
            assertThat(expression.metricNames()).as("%s: %s", expression.source(), expression.promql()).isNotEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExamplePrometheusConfigScrapesTheActuatorAndLoadsTheRules() {
        Map<String, Object> config = MonitoringFiles.yaml(MonitoringFiles.PROMETHEUS_CONFIG);
        assertThat((List<Object>) config.get("rule_files")).contains("alerts.yml");
        List<Map<String, Object>> scrapes = (List<Map<String, Object>>) config.get("scrape_configs");
        assertThat(scrapes).anySatisfy(scrape -> {
            assertThat(scrape).containsEntry("job_name", "flk-control-plane");
            assertThat(scrape).containsEntry("metrics_path", "/actuator/prometheus");
        });
    }
}
