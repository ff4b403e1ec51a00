package io.flk.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void aHistogramQuantileYieldsTheBucketSeriesNotTheFunctionsOrLabels() {
        assertThat(PromQl.metricNames("""
                histogram_quantile(0.95, sum by (tenant, le) (rate(flk_escalation_resolution_seconds_bucket\
                {application=~"$application", tenant=~"$tenant"}[$__rate_interval])))"""))
                .containsExactly("flk_escalation_resolution_seconds_bucket");
    }

    @Test
    void bothSidesOfABinaryOperationAreFound() {
        assertThat(PromQl.metricNames("""
                sum(rate(http_server_requests_seconds_sum{status=~"5.."}[5m]))
                / ignoring (le) group_left sum(rate(http_server_requests_seconds_count[5m])) > 0.05
                and on (processorName) eventProcessor_latency offset 1h > bool 1e3"""))
                .containsExactly("eventProcessor_latency", "http_server_requests_seconds_count",
                        "http_server_requests_seconds_sum");
    }

    @Test
    void labelNamesValuesAndDurationsAreNotMetrics() {
        assertThat(PromQl.metricNames("max by (group) (flk_dead_letters{group=\"some_metric_looking_value\"}) > 0"))
                .containsExactly("flk_dead_letters");
        assertThat(PromQl.metricNames("delta(flk_escalations_open[2h]) >= 10 unless flk_escalations_open < Inf"))
                .containsExactly("flk_escalations_open");
        assertThat(PromQl.metricNames("rate(x_total[5m:30s]) * 3600")).containsExactly("x_total");
    }

    @Test
    void aMetricNamedLikeAFunctionIsStillAMetricWhenNotCalled() {
        assertThat(PromQl.metricNames("rate (up_total[5m]) + up")).containsExactly("up", "up_total");
    }

    @Test
    void grafanaVariableQueriesNameTheirMetric() {
        assertThat(PromQl.variableQueryMetricNames("label_values(flk_escalations_open{application=~\"$a\"}, tenant)"))
                .containsExactly("flk_escalations_open");
        assertThat(PromQl.variableQueryMetricNames("label_values(process_uptime_seconds, application)"))
                .containsExactly("process_uptime_seconds");
        assertThat(PromQl.variableQueryMetricNames("query_result(topk(5, sum by (tenant) (flk_escalations_open)))"))
                .containsExactly("flk_escalations_open");
        assertThat(PromQl.variableQueryMetricNames("label_values(tenant)")).isEmpty();
    }
}
