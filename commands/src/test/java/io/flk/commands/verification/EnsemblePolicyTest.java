package io.flk.commands.verification;

import static io.flk.commands.DomainErrors.invalid;
import static io.flk.commands.DomainErrors.violation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.EnsemblePolicyCanaryEvent.PolicyCanaryRouted;
import io.flk.domain.verification.EnsemblePolicyCanaryEvent.PolicyCanaryWithdrawn;
import io.flk.domain.verification.EnsemblePolicyCommands.ChangeEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicyCommands.DefineEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicyCommands.PromotePolicyCanary;
import io.flk.domain.verification.EnsemblePolicyCommands.RoutePolicyCanary;
import io.flk.domain.verification.EnsemblePolicyCommands.WithdrawPolicyCanary;
import io.flk.domain.verification.EnsemblePolicyEvent.EnsemblePolicyChanged;
import io.flk.domain.verification.EnsemblePolicyEvent.EnsemblePolicyDefined;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.FailureMode;
import io.flk.domain.verification.PolicyId;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import io.flk.domain.verification.evaluation.DefaultPolicies;
import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
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
    private static final RolloutId ROLLOUT = RolloutId.of("ro-00000000-0000-0000-0000-000000000001");
    private static final RolloutId OTHER_ROLLOUT = RolloutId.of("ro-00000000-0000-0000-0000-000000000002");
    private static final String IN_PROGRESS = "a rollout of policy version 2 is in progress: abort it first";

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
    @Test
    void aSecondDefinitionIsRefused() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT))
                .when(new DefineEnsemblePolicy(POLICY, STRICTER, "operator", AT))
                .expectException(violation("already-exists"))
                .expectNoEvents();
    }

    @Test
    void aRolloutRoutesItsCandidateUnderTheNextVersion() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT))
                .when(route(ROLLOUT, 0.1))
                .expectEvents(routed(ROLLOUT, 1, 2, 0.1))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aTenantWithoutAPolicyRollsOutFromTheBuiltInDefault() {
        fixture.givenNoPriorActivity()
                .when(route(ROLLOUT, 0.1))
                .expectEvents(routed(ROLLOUT, 0, 1, 0.1))
                .expectResultMessagePayload(1L);
    }

    @Test
    void theSameRolloutMovesTheShareOfTheSameCandidateVersion() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 0.1))
                .when(route(ROLLOUT, 1.0))
                .expectEvents(routed(ROLLOUT, 1, 2, 1.0))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aRetriedStepAtTheSameShareRecordsNothing() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 0.1))
                .when(route(ROLLOUT, 0.1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    @Test
    void anotherRolloutCannotRouteACandidateWhileOneIsRouted() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 0.1))
                .when(route(OTHER_ROLLOUT, 0.1))
                .expectException(violation("rollout-in-progress"))
                .expectExceptionMessage(IN_PROGRESS)
                .expectNoEvents();
    }

    @Test
    void aRolloutKeepsItsCandidate() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 0.1))
                .when(new RoutePolicyCanary(POLICY, ROLLOUT, FIRST, 0.2, "rollouts", AT))
                .expectException(violation("canary-candidate-mismatch"))
                .expectNoEvents();
    }

    @Test
    void anInvalidCandidateIsNeverRouted() {
        EnsemblePolicySpec impossible =
                new EnsemblePolicySpec(new EnsembleRules(TWO_OF_THREE.strategies(), 4, 0.8), HRS_ONLY, 0.1);
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT))
                .when(new RoutePolicyCanary(POLICY, ROLLOUT, impossible, 0.1, "rollouts", AT))
                .expectException(InvalidValue.class)
                .expectNoEvents();
    }

    @Test
    void aCanaryShareMustBeAboveZeroAndAtMostAll() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT))
                .when(route(ROLLOUT, 0))
                .expectException(invalid("share"))
                .expectNoEvents();
        new AggregateTestFixture<>(EnsemblePolicy.class)
                .given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT))
                .when(route(ROLLOUT, 1.5))
                .expectException(invalid("share"))
                .expectNoEvents();
    }

    @Test
    void aCompletedRolloutMakesTheCandidateLiveUnderItsVersion() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 1.0))
                .when(new PromotePolicyCanary(POLICY, ROLLOUT, "rollouts", "all gates passed", AT.plusSeconds(60)))
                .expectEvents(new EnsemblePolicyChanged(ACME, 2, FIRST, STRICTER, "rollouts", "all gates passed",
                        AT.plusSeconds(60)))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aCompletedRolloutOnATenantWithoutAPolicyReplacesTheBuiltInDefault() {
        fixture.given(routed(ROLLOUT, 0, 1, 1.0))
                .when(new PromotePolicyCanary(POLICY, ROLLOUT, "rollouts", "all gates passed", AT))
                .expectEvents(new EnsemblePolicyChanged(ACME, 1, DefaultPolicies.spec(), STRICTER, "rollouts",
                        "all gates passed", AT));
    }

    @Test
    void onlyTheRoutedRolloutsCandidateIsPromoted() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 1.0))
                .when(new PromotePolicyCanary(POLICY, OTHER_ROLLOUT, "rollouts", "all gates passed", AT))
                .expectException(violation("canary-not-routed"))
                .expectNoEvents();
    }

    @Test
    void aPromotedCandidateIsNoLongerACanary() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 1.0),
                        new EnsemblePolicyChanged(ACME, 2, FIRST, STRICTER, "rollouts", "all gates passed", AT))
                .when(new ChangeEnsemblePolicy(POLICY, FIRST, "back to two of three", null, "alice", AT))
                .expectEvents(new EnsemblePolicyChanged(ACME, 3, STRICTER, FIRST, "alice", "back to two of three",
                        AT));
    }

    @Test
    void aWithdrawnCandidateStopsDeciding() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 0.1))
                .when(new WithdrawPolicyCanary(POLICY, ROLLOUT, "rollouts", "containment gate failed", AT))
                .expectEvents(new PolicyCanaryWithdrawn(ACME, ROLLOUT, 2, "rollouts", "containment gate failed", AT));
    }

    @Test
    void withdrawingWhatIsNotRoutedRecordsNothing() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 0.1),
                        new PolicyCanaryWithdrawn(ACME, ROLLOUT, 2, "rollouts", "aborted", AT))
                .when(new WithdrawPolicyCanary(POLICY, ROLLOUT, "rollouts", "retry", AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        new AggregateTestFixture<>(EnsemblePolicy.class)
                .given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 0.1))
                .when(new WithdrawPolicyCanary(POLICY, OTHER_ROLLOUT, "rollouts", "aborted", AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        new AggregateTestFixture<>(EnsemblePolicy.class)
                .givenNoPriorActivity()
                .when(new WithdrawPolicyCanary(POLICY, ROLLOUT, "rollouts", "never routed", AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aWithdrawnCandidatesVersionIsNeverReused() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 0.1),
                        new PolicyCanaryWithdrawn(ACME, ROLLOUT, 2, "rollouts", "aborted", AT))
                .when(route(OTHER_ROLLOUT, 0.1))
                .expectEvents(routed(OTHER_ROLLOUT, 1, 3, 0.1))
                .expectResultMessagePayload(3L);
        new AggregateTestFixture<>(EnsemblePolicy.class)
                .given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 0.1),
                        new PolicyCanaryWithdrawn(ACME, ROLLOUT, 2, "rollouts", "aborted", AT))
                .when(new ChangeEnsemblePolicy(POLICY, STRICTER, "by hand", null, "alice", AT))
                .expectEvents(new EnsemblePolicyChanged(ACME, 3, FIRST, STRICTER, "alice", "by hand", AT));
    }

    @Test
    void aTenantWithoutAPolicyDefinesTheVersionAfterAWithdrawnCandidate() {
        fixture.given(routed(ROLLOUT, 0, 1, 0.1),
                        new PolicyCanaryWithdrawn(ACME, ROLLOUT, 1, "rollouts", "aborted", AT))
                .when(new DefineEnsemblePolicy(POLICY, FIRST, "operator", AT))
                .expectEvents(new EnsemblePolicyDefined(ACME, 2, FIRST, "operator", AT))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aPolicyChangeIsRefusedDuringARollout() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 0.1))
                .when(new ChangeEnsemblePolicy(POLICY, new EnsemblePolicySpec(TWO_OF_THREE, HRS_ONLY, 0.2), "by hand",
                        null, "alice", AT))
                .expectException(violation("rollout-in-progress"))
                .expectExceptionMessage(IN_PROGRESS)
                .expectNoEvents();
    }

    @Test
    void aFirstDefinitionIsRefusedDuringARollout() {
        fixture.given(routed(ROLLOUT, 0, 1, 0.1))
                .when(new DefineEnsemblePolicy(POLICY, FIRST, "operator", AT))
                .expectException(violation("rollout-in-progress"))
                .expectNoEvents();
    }

    @Test
    void aCanarysStepsDoNotMakeAnExpectedVersionStale() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 0.1),
                        new PolicyCanaryWithdrawn(ACME, ROLLOUT, 2, "rollouts", "aborted", AT))
                .when(new ChangeEnsemblePolicy(POLICY, STRICTER, "by hand", 0L, "alice", AT))
                .expectEvents(new EnsemblePolicyChanged(ACME, 3, FIRST, STRICTER, "alice", "by hand", AT))
                .expectResultMessagePayload(3L);
    }

    @Test
    void aPolicyVersionChangedSinceMakesAnExpectedVersionStale() {
        fixture.given(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT), routed(ROLLOUT, 1, 2, 1.0),
                        new EnsemblePolicyChanged(ACME, 2, FIRST, STRICTER, "rollouts", "all gates passed", AT))
                .when(new ChangeEnsemblePolicy(POLICY, FIRST, "by hand", 0L, "alice", AT))
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    /** The policy is snapshotted as the JSON of its fields, so the canary, its candidate included, must be one. */
    @Test
    void theRoutedCanarySurvivesASnapshot() throws Exception {
        EnsemblePolicy policy = new EnsemblePolicy();
        policy.on(new EnsemblePolicyDefined(ACME, 1, FIRST, "operator", AT));
        policy.on(routed(ROLLOUT, 1, 2, 0.1));
        ObjectMapper json = new ObjectMapper();

        String snapshot = json.writeValueAsString(policy);

        assertThat(snapshot).contains("\"canary\":{\"rolloutId\":\"" + ROLLOUT + "\",\"candidateVersion\":2",
                "\"quorum\":3.0", "\"highestVersion\":2");
        assertThat(json.writeValueAsString(json.readValue(snapshot, EnsemblePolicy.class))).isEqualTo(snapshot);
    }

    private static RoutePolicyCanary route(RolloutId rolloutId, double share) {
        return new RoutePolicyCanary(POLICY, rolloutId, STRICTER, share, "rollouts", AT);
    }

    private static PolicyCanaryRouted routed(RolloutId rolloutId, long liveVersion, long candidateVersion,
                                             double share) {
        return new PolicyCanaryRouted(ACME, rolloutId, liveVersion, candidateVersion, STRICTER, share, "rollouts", AT);
    }
}
