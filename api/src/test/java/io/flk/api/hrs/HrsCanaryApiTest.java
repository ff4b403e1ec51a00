package io.flk.api.hrs;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HrsApi;
import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.hrs.HrsLineId;
import io.flk.domain.hrs.HrsModelCommands.PromoteCanary;
import io.flk.domain.hrs.HrsModelCommands.RouteCanary;
import io.flk.domain.hrs.HrsModelCommands.WithdrawCanary;
import io.flk.domain.hrs.HrsRouting;
import io.flk.domain.hrs.PromotionOutcome;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rollout's HRS canary over HTTP: on all traffic it scores every task, no manual promotion changes who decides
 * meanwhile, a withdrawal hands the tasks back and a completed rollout leaves it champion.
 */
class HrsCanaryApiTest extends ApiTestSupport {

    private static final int LABELLED_TASKS = 3000;

    @Autowired
    private EventGateway events;

    @Autowired
    private CommandGateway commands;

    @Test
    void aCanaryOnAllTrafficScoresEveryTaskUntilItsRolloutEnds() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        HrsApi hrs = new HrsApi(this::as, tenant);
        String version = hrs.trainedOnLabelledTasks(events, LABELLED_TASKS, 42);
        String bundled = hrs.scoredBy(OPERATOR, "before-rollout");
        HrsLineId line = HrsLineId.of(TenantId.of(tenant));
        RolloutId aborted = RolloutId.random();

        PromotionOutcome routed = commands.sendAndWait(new RouteCanary(line, aborted, version, 1.0,
                EligibilityGates.defaults(), "rollouts", Instant.now()));

        assertThat(routed.accepted()).as(routed.toString()).isTrue();
        assertThat(routed.routing()).isEqualTo(new HrsRouting(null, version, 1.0, List.of()));
        for (int i = 0; i < 30; i++) {
            assertThat(hrs.scoredBy(OPERATOR, "canary-" + i)).as("canary-" + i).isEqualTo(version);
        }
        String manual = hrs.requestPromotionId(OPERATOR, version, "CHAMPION", null);
        assertProblem(hrs.approve(APPROVER, manual), 409, "rollout-in-progress", null);

        commands.sendAndWait(new WithdrawCanary(line, aborted, "rollouts", "aborted by an operator", Instant.now()));

        assertThat(hrs.scoredBy(OPERATOR, "after-withdrawal")).isEqualTo(bundled);
        RolloutId completed = RolloutId.random();
        commands.sendAndWait(new RouteCanary(line, completed, version, 1.0, EligibilityGates.defaults(), "rollouts",
                Instant.now()));
        PromotionOutcome promoted = commands.sendAndWait(new PromoteCanary(line, completed, "rollouts",
                Instant.now()));
        assertThat(promoted.routing()).isEqualTo(new HrsRouting(version, null, 0, List.of()));
        assertThat(hrs.scoredBy(OPERATOR, "after-promotion")).isEqualTo(version);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                as(AUDITOR).get(hrs.base() + "/routing").json().at("/routing/champion").asText()).isEqualTo(version));
    }
}
