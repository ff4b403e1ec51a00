package io.flk.sagas.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutLaneId;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.EnsemblePolicyCommands.PromotePolicyCanary;
import io.flk.domain.verification.PolicyId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link RolloutSagaTest} leaves out: promoting a policy canary, and a policy that throws its refusal. */
class ComponentCanaryTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final RolloutId R1 = RolloutId.of("ro-00000000-0000-0000-0000-000000000001");
    private static final Instant AT = Instant.parse("2026-11-27T12:00:00Z");
    /** Only routing reads the candidate policy; a promotion names the rollout alone. */
    private static final ComponentCanary CANARY = new ComponentCanary(
            RolloutLaneId.of(ACME, RolloutComponent.ENSEMBLE_POLICY), R1, RolloutTarget.policy(null));

    private final List<Object> sent = new ArrayList<>();
    private RuntimeException policyFailure;
    private CommandGateway commands;

    @BeforeEach
    void setUp() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(PromotePolicyCanary.class.getName(), message -> {
            sent.add(message.getPayload());
            if (policyFailure != null) {
                throw policyFailure;
            }
            return 12L;
        });
        commands = DefaultCommandGateway.builder().commandBus(bus).build();
    }

    @Test
    void aCompletedPolicyRolloutPromotesItsCandidateNamingTheSteps() {
        CANARY.promote(7, AT, commands);

        assertThat(sent).containsExactly(new PromotePolicyCanary(PolicyId.of(ACME), R1, RolloutSaga.ACTOR,
                "rollout " + R1 + " completed after 7 steps", AT));
    }

    @Test
    void aPolicyThatRefusesTheEndIsLeftToAnOperatorAndTheRolloutStillEnds() {
        policyFailure = new BusinessRuleViolation("canary-not-routed",
                "no canary of rollout " + R1 + " is routed for tenant acme");

        assertThatCode(() -> CANARY.promote(7, AT, commands)).doesNotThrowAnyException();
        assertThat(sent).hasSize(1);
    }

    @Test
    void anyOtherFailureToEndTheRolloutPropagatesSoThatTheEventIsRetried() {
        policyFailure = new IllegalStateException("database unavailable");

        assertThatThrownBy(() -> CANARY.promote(7, AT, commands)).isSameAs(policyFailure);
    }
}
