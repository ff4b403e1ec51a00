package io.flk.domain.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.FailureMode;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyDegradeTest {

    private static final StrategySettings ONE = new StrategySettings(1, 0.5, 200, FailureMode.FAIL_CLOSED);

    @Test
    void dropsTheStrategyFromBothRuleSetsAndLowersAQuorumThatCouldNoLongerBeMet() {
        EnsembleRules rules = new EnsembleRules(Map.of(StrategyName.HRS, ONE, StrategyName.MICRO_VOTE, ONE,
                StrategyName.RAG_GROUNDING, ONE), 3, 0.7);
        EnsemblePolicySpec policy = new EnsemblePolicySpec(rules, rules, 0.1);

        EnsemblePolicySpec degraded = PolicyDegrade.without(policy, StrategyName.MICRO_VOTE).orElseThrow();

        assertThat(degraded.strategiesToRun()).containsExactlyInAnyOrder(StrategyName.HRS, StrategyName.RAG_GROUNDING);
        assertThat(degraded.treatment().quorum()).isEqualTo(2);
        assertThat(degraded.controlShare()).isEqualTo(0.1);
        assertThat(degraded.validated()).isEqualTo(degraded);
    }

    @Test
    void neverDropsTheLastStrategyWithASayOrOneThatIsNotEnabled() {
        EnsembleRules single = new EnsembleRules(Map.of(StrategyName.HRS, ONE), 1, 0.7);
        EnsemblePolicySpec policy = new EnsemblePolicySpec(single, single, 0);

        assertThat(PolicyDegrade.without(policy, StrategyName.HRS)).isEmpty();
        assertThat(PolicyDegrade.without(policy, StrategyName.MICRO_VOTE)).isEmpty();
    }
}
