package io.flk.api.rollout;

import static io.flk.api.testing.RolloutApi.CANDIDATE_POLICY;
import static io.flk.api.testing.RolloutApi.HOLDING_PLAN;
import static io.flk.api.testing.RolloutApi.policyRollout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.testing.HttpJson;
import io.flk.api.testing.JwtApiTestSupport;
import io.flk.api.testing.RolloutApi;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rollout metrics on the open Prometheus scrape: a tenant's components report share 0 and zero decisions
 * before any rollout, the running canary's share while it runs, and 0 again once it is aborted.
 */
class RolloutMetricsApiTest extends JwtApiTestSupport {

    @Test
    void theScrapeShowsTheCanaryShareWhileTheRolloutRuns() {
        String tenant = uniqueTenantId();
        registerTenant(tenant);
        HttpJson operator = bearer(token("ops@flk.dev", List.of("operator"), null));
        HttpJson approver = bearer(token("approver@flk.dev", List.of("approver"), null));
        RolloutApi rollouts = new RolloutApi(principal -> principal.equals("ops") ? operator : approver, tenant);
        rollouts.defineLivePolicy("ops");
        awaitSeries("flk_rollout_share", tenant, "0.0", "component=\"ensemble-policy\"");
        awaitSeries("flk_rollout_share", tenant, "0.0", "component=\"hrs-model\"");
        awaitSeries("flk_rollout_decisions_total", tenant, "0.0", "component=\"ensemble-policy\"",
                "action=\"ROLLBACK\"");

        String rolloutId = rollouts.requestId("ops", policyRollout(CANDIDATE_POLICY, HOLDING_PLAN));
        rollouts.acted("approver", rolloutId, "approval");
        rollouts.awaitStatus("ops", rolloutId, "RUNNING");

        awaitSeries("flk_rollout_share", tenant, "0.5", "component=\"ensemble-policy\"");
        awaitSeries("flk_rollout_share", tenant, "0.0", "component=\"hrs-model\"");

        rollouts.acted("ops", rolloutId, "abort");
        awaitSeries("flk_rollout_share", tenant, "0.0", "component=\"ensemble-policy\"");
    }

    /** Waits until the one series of {@code name} for the tenant with these labels has {@code value}. */
    private void awaitSeries(String name, String tenant, String value, String... labels) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(anonymous().get("/actuator/prometheus").body().lines()
                        .filter(line -> line.startsWith(name + "{"))
                        .filter(line -> line.contains("tenant=\"" + tenant + "\""))
                        .filter(line -> Arrays.stream(labels).allMatch(line::contains)))
                        .singleElement().satisfies(line -> assertThat(line).endsWith(" " + value)));
    }
}
