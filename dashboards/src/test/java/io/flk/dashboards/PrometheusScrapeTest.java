package io.flk.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    private static final PrometheusScrape SCRAPE = PrometheusScrape.parse("""
            # HELP flk_escalation_resolution_seconds Time to verdict
            # TYPE flk_escalation_resolution_seconds histogram
            flk_escalation_resolution_seconds_bucket{tenant="acme",le="60.0"} 1
            flk_escalation_resolution_seconds_bucket{tenant="acme",le="+Inf"} 1
            flk_escalation_resolution_seconds_count{tenant="acme"} 1
            flk_escalation_resolution_seconds_sum{tenant="acme"} 1.2
            # TYPE commandBus_allTimer_seconds summary
            commandBus_allTimer_seconds{payloadType="OpenEscalation",quantile="0.95"} 0.01
            commandBus_allTimer_seconds_count{payloadType="OpenEscalation"} 3
            commandBus_allTimer_seconds_sum{payloadType="OpenEscalation"} 0.02
            # TYPE commandBus_failureCounter_total counter
            commandBus_failureCounter_total{payloadType="OpenEscalation"} 0.0
            # TYPE process_uptime_seconds gauge
            process_uptime_seconds 12.5
            """);

    @Test
    void histogramSeriesAreSelectableButTheFamilyNameIsNot() {
        assertThat(SCRAPE.exposes("flk_escalation_resolution_seconds_bucket")).isTrue();
        assertThat(SCRAPE.exposes("flk_escalation_resolution_seconds_count")).isTrue();
        assertThat(SCRAPE.exposes("flk_escalation_resolution_seconds_sum")).isTrue();
        assertThat(SCRAPE.exposes("flk_escalation_resolution_seconds")).isFalse();
        assertThat(SCRAPE.whyMissing("flk_escalation_resolution_seconds")).contains("histogram family");
    }

    @Test
    void aSummaryHasQuantileSeriesCountAndSumButNoBuckets() {
        assertThat(SCRAPE.exposes("commandBus_allTimer_seconds")).isTrue();
        assertThat(SCRAPE.exposes("commandBus_allTimer_seconds_count")).isTrue();
        assertThat(SCRAPE.exposes("commandBus_allTimer_seconds_bucket")).isFalse();
        assertThat(SCRAPE.whyMissing("commandBus_allTimer_seconds_bucket"))
                .isEqualTo("commandBus_allTimer_seconds is a summary without _bucket series "
                        + "(no histogram buckets are published for it)");
    }

    @Test
    void countersGaugesAndUnknownNames() {
        assertThat(SCRAPE.exposes("commandBus_failureCounter_total")).isTrue();
        assertThat(SCRAPE.exposes("process_uptime_seconds")).isTrue();
        assertThat(SCRAPE.exposes("flk_no_such_metric")).isFalse();
        assertThat(SCRAPE.whyMissing("flk_no_such_metric")).isEqualTo("no series named flk_no_such_metric");
    }
}
