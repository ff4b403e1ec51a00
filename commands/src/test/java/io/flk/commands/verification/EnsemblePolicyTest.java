package io.flk.commands.verification;

import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.EnsemblePolicyCommands.ChangeEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicyCommands.DefineEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicyEvent.EnsemblePolicyChanged;
import io.flk.domain.verification.EnsemblePolicyEvent.EnsemblePolicyDefined;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.FailureMode;
import io.flk.domain.verification.PolicyId;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import java.time.Instant;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnsemblePolicyTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final PolicyId POLICY = PolicyId.of(ACME);
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
    private static final StrategySettings ONE = new StrategySettings(1, 0.5, 50, FailureMode.FAIL_CLOSED);
    private static final EnsembleRules HRS_ONLY = new EnsembleRules(Map.of(StrategyName.HRS, ONE), 1, 0.8);
    private static final EnsembleRules TWO_OF_THREE = new EnsembleRules(Map.of(StrategyName.HRS, ONE,
            StrategyName.MICRO_VOTE, ONE, StrategyName.RAG_GROUNDING, ONE), 2, 0.8);
    private static final EnsemblePolicySpec FIRST = new EnsemblePolicySpec(TWO_OF_THREE, HRS_ONLY, 0.1);
    private static final EnsemblePolicySpec STRICTER =
            new EnsemblePolicySpec(new EnsembleRules(TWO_OF_THREE.strategies(), 3, 0.5), HRS_ONLY, 0.1);

    private FixtureConfiguration<EnsemblePolicy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EnsemblePolicy.class);
    }

    @Test
    void definingAPolicyRecordsVersionOneWithItsAuthor() {
        fixture.givenNoPriorActivity()
                .when(new DefineEnsemblePolicy(POLICY, FIRST, "operator", AT))
                .expectEvents(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT));
    }

    @Test
    void aChangeRecordsTheNextVersionWithTheWholePolicyBeforeAndAfter() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT))
                .when(new ChangeEnsemblePolicy(POLICY, STRICTER, "too many escapes", null, "alice", AT.plusSeconds(60)))
                .expectEvents(new EnsemblePolicyChanged(ACME, 2, FIRST, STRICTER, "alice", "too many escapes",
                        AT.plusSeconds(60)))
                .expectResultMessagePayload(1L);
    }

    @Test
    void changingToTheSamePolicyRecordsNothing() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT))
                .when(new ChangeEnsemblePolicy(POLICY, FIRST, "no-op", null, "alice", AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aQuorumAboveTheTotalWeightIsNeverRecorded() {
        EnsemblePolicySpec impossible =
                new EnsemblePolicySpec(new EnsembleRules(TWO_OF_THREE.strategies(), 4, 0.8), HRS_ONLY, 0.1);
        fixture.givenNoPriorActivity()
                .when(new DefineEnsemblePolicy(POLICY, impossible, "operator", AT))
                .expectException(InvalidValue.class)
                .expectExceptionMessage("quorum (N) 4.0 is greater than the total weight (M) 3.0")
                .expectNoEvents();
    }

    @Test
    void aNegativeWeightIsRefusedWithTheFieldNamed() {
        EnsembleRules negative = new EnsembleRules(Map.of(StrategyName.HRS,
                new StrategySettings(-1, 0.5, 50, FailureMode.FAIL_OPEN), StrategyName.MICRO_VOTE, ONE), 1, 0.8);
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT))
                .when(new ChangeEnsemblePolicy(POLICY, new EnsemblePolicySpec(negative, HRS_ONLY, 0.1), "x", null,
                        "alice", AT))
                .expectException(InvalidValue.class)
                .expectExceptionMessage("weight must be a finite number >= 0")
                .expectNoEvents();
    }
}
