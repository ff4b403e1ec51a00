package io.flk.commands.hrs;

import static io.flk.commands.DomainErrors.invalid;
import static io.flk.commands.DomainErrors.violation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flk.domain.hrs.CandidateResult;
import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.hrs.HrsLineId;
import io.flk.domain.hrs.HrsModelCommands.ApprovePromotion;
import io.flk.domain.hrs.HrsModelCommands.PromoteCanary;
import io.flk.domain.hrs.HrsModelCommands.RecordArtifactRefused;
import io.flk.domain.hrs.HrsModelCommands.RegisterModelVersion;
import io.flk.domain.hrs.HrsModelCommands.RejectPromotion;
import io.flk.domain.hrs.HrsModelCommands.RequestPromotion;
import io.flk.domain.hrs.HrsModelCommands.RollbackToLastGood;
import io.flk.domain.hrs.HrsModelCommands.RouteCanary;
import io.flk.domain.hrs.HrsModelCommands.WithdrawCanary;
import io.flk.domain.hrs.HrsModelEvent.HrsRoutingChanged;
import io.flk.domain.hrs.HrsModelEvent.ModelArtifactRefused;
import io.flk.domain.hrs.HrsModelEvent.ModelVersionRegistered;
import io.flk.domain.hrs.HrsModelEvent.PromotionApproved;
import io.flk.domain.hrs.HrsModelEvent.PromotionExpired;
import io.flk.domain.hrs.HrsModelEvent.PromotionRefused;
import io.flk.domain.hrs.HrsModelEvent.PromotionRejected;
import io.flk.domain.hrs.HrsModelEvent.PromotionRequested;
import io.flk.domain.hrs.HrsModelEvent.RolledBackToLastGood;
import io.flk.domain.hrs.HrsRouting;
import io.flk.domain.hrs.ModelMetrics;
import io.flk.domain.hrs.PromotionOutcome;
import io.flk.domain.hrs.PromotionRefusal;
import io.flk.domain.hrs.PromotionRequestId;
import io.flk.domain.hrs.RegisteredModel;
import io.flk.domain.hrs.RoutingRole;
import io.flk.domain.hrs.TrainingId;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HrsModelLineTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final HrsLineId LINE = HrsLineId.of(ACME);
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Duration TTL = Duration.ofHours(24);
    private static final EligibilityGates GATES = EligibilityGates.defaults();
    private static final PromotionRequestId REQUEST = PromotionRequestId.of("pr-00000000-0000-0000-0000-000000000001");
    private static final PromotionRequestId OTHER_REQUEST =
            PromotionRequestId.of("pr-00000000-0000-0000-0000-000000000002");
    private static final String V1 = "2026-11-01.1";
    private static final String V2 = "2026-11-15.1";
    private static final String V3 = "2026-11-26.1";
    private static final String WEAK = "2026-11-20.1";
    private static final RegisteredModel MODEL_V1 = model(V1, "1".repeat(64), 0.90, 0.03);
    private static final RegisteredModel MODEL_V2 = model(V2, "2".repeat(64), 0.92, 0.02);
    private static final RegisteredModel MODEL_V3 = model(V3, "3".repeat(64), 0.93, 0.02);
    private static final RegisteredModel MODEL_WEAK = model(WEAK, "4".repeat(64), 0.81, 0.07);
    private static final HrsRouting V1_CHAMPION = new HrsRouting(V1, null, 0, List.of());
    private static final HrsRouting V2_CHAMPION = new HrsRouting(V2, null, 0, List.of());
    private static final RolloutId ROLLOUT = RolloutId.of("ro-00000000-0000-0000-0000-000000000001");
    private static final RolloutId OTHER_ROLLOUT = RolloutId.of("ro-00000000-0000-0000-0000-000000000002");
    private static final HrsRouting V2_CANARY = new HrsRouting(V1, V2, 0.1, List.of());

    private FixtureConfiguration<HrsModelLine> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(HrsModelLine.class);
    }

    @Test
    void registeringAVersionRecordsItAndItsRegistrar() {
        fixture.givenNoPriorActivity()
                .when(new RegisterModelVersion(LINE, MODEL_V1, "trainer", T0))
                .expectEvents(registered(MODEL_V1))
                .expectResultMessagePayload(0L);
    }

    @Test
    void reRegisteringTheSameArtifactIsIdempotent() {
        fixture.given(registered(MODEL_V1))
                .when(new RegisterModelVersion(LINE, MODEL_V1, "trainer", T0.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void reRegisteringAVersionWithAnotherArtifactIsRefusedBecauseVersionsAreImmutable() {
        fixture.given(registered(MODEL_V1))
                .when(new RegisterModelVersion(LINE, model(V1, "f".repeat(64), 0.99, 0.01), "trainer", T0))
                .expectException(violation("version-immutable"))
                .expectNoEvents();
    }

    @Test
    void aRefusedArtifactIsRecordedWithWhoDetectedIt() {
        fixture.given(registered(MODEL_V1))
                .when(new RecordArtifactRefused(LINE, V1, "sha256-mismatch", "instance-a", T0))
                .expectEvents(new ModelArtifactRefused(ACME, V1, "sha256-mismatch", "instance-a", T0))
                .expectResultMessagePayload(1L);
    }

    @Test
    void theSameArtifactRefusalFromAnotherInstanceIsNotRecordedTwice() {
        fixture.given(registered(MODEL_V1), new ModelArtifactRefused(ACME, V1, "sha256-mismatch", "instance-a", T0))
                .when(new RecordArtifactRefused(LINE, V1, "sha256-mismatch", "instance-b", T0.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anUnregisteredVersionsArtifactCannotBeRefused() {
        fixture.given(registered(MODEL_V1))
                .when(new RecordArtifactRefused(LINE, V2, "sha256-mismatch", "instance-a", T0))
                .expectException(violation("version-not-registered"))
                .expectNoEvents();
    }

    @Test
    void aRequestCarriesTheGatesAndTheVersionsMetricsAndExpiresAfterItsTtl() {
        fixture.given(registered(MODEL_V1))
                .when(request(REQUEST, V1, RoutingRole.CHAMPION, 0, "alice", T0))
                .expectEvents(requested(REQUEST, MODEL_V1, RoutingRole.CHAMPION, 0, "alice", T0))
                .expectScheduledDeadline(T0.plus(TTL), REQUEST)
                .expectScheduledDeadlineWithName(T0.plus(TTL), HrsModelLine.PROMOTION_EXPIRY)
                .expectResultMessagePayload(new PromotionOutcome(REQUEST, null, null, HrsRouting.bundledOnly(), 1L));
    }

    @Test
    void anotherTenantsVersionCannotBePromoted() {
        String globexVersion = "globex-2026-11-01.1";
        String detail = "version " + globexVersion + " is not registered for tenant acme";
        fixture.givenNoPriorActivity()
                .when(request(REQUEST, globexVersion, RoutingRole.CHAMPION, 0, "alice", T0))
                .expectEvents(new PromotionRefused(ACME, null, globexVersion, PromotionRefusal.NOT_REGISTERED, detail,
                        "alice", T0))
                .expectNoScheduledDeadlines()
                .expectResultMessagePayload(new PromotionOutcome(null, PromotionRefusal.NOT_REGISTERED, detail,
                        HrsRouting.bundledOnly(), 0L));
    }

    @Test
    void ineligibleVersionCannotBecomeChampionButMayShadow() {
        String detail = "version " + WEAK + " cannot decide as CHAMPION: ROC AUC 0.8100 (minimum 0.8500), "
                + "ECE 0.0700 (maximum 0.0500)";
        fixture.given(registered(MODEL_WEAK))
                .when(request(REQUEST, WEAK, RoutingRole.CHAMPION, 0, "alice", T0))
                .expectEvents(new PromotionRefused(ACME, null, WEAK, PromotionRefusal.NOT_ELIGIBLE, detail, "alice", T0))
                .expectNoScheduledDeadlines();

        new AggregateTestFixture<>(HrsModelLine.class)
                .given(registered(MODEL_WEAK))
                .when(request(REQUEST, WEAK, RoutingRole.SHADOW, 0, "alice", T0))
                .expectEvents(requested(REQUEST, MODEL_WEAK, RoutingRole.SHADOW, 0, "alice", T0));
    }

    @Test
    void ineligibleVersionCannotBecomeChallenger() {
        fixture.given(registered(MODEL_WEAK))
                .when(request(REQUEST, WEAK, RoutingRole.CHALLENGER, 0.1, "alice", T0))
                .expectEvents(new PromotionRefused(ACME, null, WEAK, PromotionRefusal.NOT_ELIGIBLE,
                        "version " + WEAK + " cannot decide as CHALLENGER: ROC AUC 0.8100 (minimum 0.8500), "
                                + "ECE 0.0700 (maximum 0.0500)", "alice", T0));
    }

    @Test
    void aVersionWhoseArtifactWasRefusedCannotBeRouted() {
        String detail = "the artifact of version " + V1 + " was refused: signature-invalid";
        fixture.given(registered(MODEL_V1), new ModelArtifactRefused(ACME, V1, "signature-invalid", "instance-a", T0))
                .when(request(REQUEST, V1, RoutingRole.SHADOW, 0, "alice", T0))
                .expectEvents(new PromotionRefused(ACME, null, V1, PromotionRefusal.ARTIFACT_REFUSED, detail, "alice",
                        T0))
                .expectResultMessagePayload(new PromotionOutcome(null, PromotionRefusal.ARTIFACT_REFUSED, detail,
                        HrsRouting.bundledOnly(), 2L));
    }

    @Test
    void aVersionWhoseArtifactWasRefusedMayStillBeRetired() {
        HrsRouting shadowed = new HrsRouting(null, null, 0, List.of(V1));
        fixture.given(registered(MODEL_V1), routed(HrsRouting.bundledOnly(), shadowed),
                        new ModelArtifactRefused(ACME, V1, "signature-invalid", "instance-a", T0))
                .when(request(REQUEST, V1, RoutingRole.RETIRED, 0, "alice", T0))
                .expectEvents(requested(REQUEST, MODEL_V1, RoutingRole.RETIRED, 0, "alice", T0));
    }

    @Test
    void aChallengerShareOutsideZeroToHalfIsInvalid() {
        fixture.given(registered(MODEL_V1))
                .when(request(REQUEST, V1, RoutingRole.CHALLENGER, 0.6, "alice", T0))
                .expectException(invalid("challengerShare"))
                .expectNoEvents();
    }

    @Test
    void aChallengerWithoutAShareIsInvalid() {
        fixture.given(registered(MODEL_V1))
                .when(request(REQUEST, V1, RoutingRole.CHALLENGER, 0, "alice", T0))
                .expectException(invalid("challengerShare"))
                .expectNoEvents();
    }

    @Test
    void onlyAChallengerTakesAShare() {
        fixture.given(registered(MODEL_V1))
                .when(request(REQUEST, V1, RoutingRole.SHADOW, 0.1, "alice", T0))
                .expectException(invalid("challengerShare"))
                .expectNoEvents();
    }

    @Test
    void aRequestMustLiveForAPositiveTtl() {
        fixture.given(registered(MODEL_V1))
                .when(new RequestPromotion(LINE, REQUEST, V1, RoutingRole.CHAMPION, 0, GATES, Duration.ZERO, "alice",
                        "better", T0))
                .expectException(invalid("ttl"))
                .expectNoEvents();
    }

    @Test
    void promotingTheChampionToChampionChangesNothingAndIsRefused() {
        fixture.given(registered(MODEL_V1), routed(HrsRouting.bundledOnly(), V1_CHAMPION))
                .when(request(REQUEST, V1, RoutingRole.CHAMPION, 0, "alice", T0))
                .expectException(violation("routing-unchanged"))
                .expectNoEvents();
    }

    @Test
    void shadowingAVersionThatAlreadyShadowsIsRefused() {
        HrsRouting shadowed = new HrsRouting(null, null, 0, List.of(V1));
        fixture.given(registered(MODEL_V1), routed(HrsRouting.bundledOnly(), shadowed))
                .when(request(REQUEST, V1, RoutingRole.SHADOW, 0, "alice", T0))
                .expectException(violation("routing-unchanged"))
                .expectNoEvents();
    }

    @Test
    void retiringAnUnroutedVersionIsRefused() {
        fixture.given(registered(MODEL_V1))
                .when(request(REQUEST, V1, RoutingRole.RETIRED, 0, "alice", T0))
                .expectException(violation("routing-unchanged"))
                .expectNoEvents();
    }

    @Test
    void approvalBySecondPrincipalRoutesTheVersion() {
        HrsRouting after = V1_CHAMPION;
        fixture.given(registered(MODEL_V1), requested(REQUEST, MODEL_V1, RoutingRole.CHAMPION, 0, "alice", T0))
                .when(new ApprovePromotion(LINE, REQUEST, "bob", true, "looks good", T0.plusSeconds(60)))
                .expectEvents(new PromotionApproved(ACME, REQUEST, V1, RoutingRole.CHAMPION, "alice", "bob",
                                "looks good", T0.plusSeconds(60)),
                        new HrsRoutingChanged(ACME, HrsRouting.bundledOnly(), after, "promotion:" + REQUEST, "bob",
                                T0.plusSeconds(60)))
                .expectNoScheduledDeadlines()
                .expectResultMessagePayload(new PromotionOutcome(REQUEST, null, null, after, 3L));
    }

    @Test
    void approvalKeepsTheExpiryOfTheOtherPendingRequests() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(new RegisterModelVersion(LINE, MODEL_V1, "trainer", T0),
                        new RegisterModelVersion(LINE, MODEL_V2, "trainer", T0),
                        request(REQUEST, V1, RoutingRole.CHAMPION, 0, "alice", T0),
                        new RequestPromotion(LINE, OTHER_REQUEST, V2, RoutingRole.SHADOW, 0, GATES,
                                Duration.ofHours(2), "alice", "watch it", T0))
                .when(new ApprovePromotion(LINE, REQUEST, "bob", true, "looks good", T0.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectScheduledDeadline(T0.plus(Duration.ofHours(2)), OTHER_REQUEST)
                .expectNoScheduledDeadline(T0.plus(TTL), REQUEST);
    }

    @Test
    void approverCannotApproveTheirOwnRequest() {
        String detail = "alice requested this promotion and cannot also approve it";
        fixture.given(registered(MODEL_V1), requested(REQUEST, MODEL_V1, RoutingRole.CHAMPION, 0, "alice", T0))
                .when(new ApprovePromotion(LINE, REQUEST, "alice", true, "trust me", T0.plusSeconds(60)))
                .expectEvents(new PromotionRefused(ACME, REQUEST, V1, PromotionRefusal.SELF_APPROVAL, detail, "alice",
                        T0.plusSeconds(60)))
                .expectResultMessagePayload(new PromotionOutcome(REQUEST, PromotionRefusal.SELF_APPROVAL, detail,
                        HrsRouting.bundledOnly(), 2L));
    }

    @Test
    void approvalNeedsTheApproverRole() {
        fixture.given(registered(MODEL_V1), requested(REQUEST, MODEL_V1, RoutingRole.CHAMPION, 0, "alice", T0))
                .when(new ApprovePromotion(LINE, REQUEST, "bob", false, "looks good", T0.plusSeconds(60)))
                .expectException(violation("approver-role-required"))
                .expectNoEvents();
    }

    @Test
    void anUnknownRequestCannotBeApproved() {
        fixture.given(registered(MODEL_V1), requested(REQUEST, MODEL_V1, RoutingRole.CHAMPION, 0, "alice", T0))
                .when(new ApprovePromotion(LINE, OTHER_REQUEST, "bob", true, "looks good", T0.plusSeconds(60)))
                .expectException(violation("unknown-request"))
                .expectNoEvents();
    }

    @Test
    void expiredRequestCannotBeApproved() {
        Instant late = T0.plus(TTL);
        String detail = "request " + REQUEST + " expired at " + T0.plus(TTL);
        fixture.given(registered(MODEL_V1), requested(REQUEST, MODEL_V1, RoutingRole.CHAMPION, 0, "alice", T0))
                .when(new ApprovePromotion(LINE, REQUEST, "bob", true, "looks good", late))
                .expectEvents(new PromotionExpired(ACME, REQUEST, V1, T0.plus(TTL)),
                        new PromotionRefused(ACME, REQUEST, V1, PromotionRefusal.EXPIRED, detail, "bob", late))
                .expectResultMessagePayload(new PromotionOutcome(REQUEST, PromotionRefusal.EXPIRED, detail,
                        HrsRouting.bundledOnly(), 3L));
    }

    @Test
    void aRequestAlreadyDecidedCannotBeApprovedAgain() {
        String detail = "request " + REQUEST + " was already decided or expired";
        fixture.given(registered(MODEL_V1), requested(REQUEST, MODEL_V1, RoutingRole.CHAMPION, 0, "alice", T0),
                        new PromotionRejected(ACME, REQUEST, V1, "carol", "not now", T0.plusSeconds(30)))
                .when(new ApprovePromotion(LINE, REQUEST, "bob", true, "looks good", T0.plusSeconds(60)))
                .expectEvents(new PromotionRefused(ACME, REQUEST, V1, PromotionRefusal.NOT_PENDING, detail, "bob",
                        T0.plusSeconds(60)));
    }

    @Test
    void anArtifactRefusedAfterTheRequestBlocksItsApproval() {
        fixture.given(registered(MODEL_V1), requested(REQUEST, MODEL_V1, RoutingRole.CHAMPION, 0, "alice", T0),
                        new ModelArtifactRefused(ACME, V1, "sha256-mismatch", "instance-a", T0.plusSeconds(30)))
                .when(new ApprovePromotion(LINE, REQUEST, "bob", true, "looks good", T0.plusSeconds(60)))
                .expectEvents(new PromotionRefused(ACME, REQUEST, V1, PromotionRefusal.ARTIFACT_REFUSED,
                        "the artifact of version " + V1 + " was refused: sha256-mismatch", "bob", T0.plusSeconds(60)));
    }

    @Test
    void challengerShareIsHonouredInRouting() {
        HrsRouting after = new HrsRouting(V1, V2, 0.2, List.of());
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        requested(REQUEST, MODEL_V2, RoutingRole.CHALLENGER, 0.2, "alice", T0))
                .when(new ApprovePromotion(LINE, REQUEST, "bob", true, "canary", T0.plusSeconds(60)))
                .expectEvents(new PromotionApproved(ACME, REQUEST, V2, RoutingRole.CHALLENGER, "alice", "bob",
                                "canary", T0.plusSeconds(60)),
                        new HrsRoutingChanged(ACME, V1_CHAMPION, after, "promotion:" + REQUEST, "bob",
                                T0.plusSeconds(60)));
    }

    @Test
    void theRequesterMayWithdrawTheirRequest() {
        fixture.given(registered(MODEL_V1), requested(REQUEST, MODEL_V1, RoutingRole.CHAMPION, 0, "alice", T0))
                .when(new RejectPromotion(LINE, REQUEST, "alice", "wrong version", T0.plusSeconds(60)))
                .expectEvents(new PromotionRejected(ACME, REQUEST, V1, "alice", "wrong version", T0.plusSeconds(60)))
                .expectNoScheduledDeadlines()
                .expectResultMessagePayload(new PromotionOutcome(REQUEST, null, null, HrsRouting.bundledOnly(), 2L));
    }

    @Test
    void aRequestNoLongerPendingCannotBeRejected() {
        fixture.given(registered(MODEL_V1), requested(REQUEST, MODEL_V1, RoutingRole.CHAMPION, 0, "alice", T0),
                        new PromotionExpired(ACME, REQUEST, V1, T0.plus(TTL)))
                .when(new RejectPromotion(LINE, REQUEST, "bob", "no", T0.plus(TTL).plusSeconds(1)))
                .expectException(violation("not-pending"))
                .expectNoEvents();
    }

    @Test
    void requestExpiresWhenItsDeadlinePasses() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(new RegisterModelVersion(LINE, MODEL_V1, "trainer", T0),
                        request(REQUEST, V1, RoutingRole.CHAMPION, 0, "alice", T0))
                .whenTimeElapses(TTL.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(HrsModelLine.PROMOTION_EXPIRY)
                .expectEvents(new PromotionExpired(ACME, REQUEST, V1, T0.plus(TTL)));
    }

    @Test
    void anApprovedRequestNeverExpires() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(new RegisterModelVersion(LINE, MODEL_V1, "trainer", T0),
                        request(REQUEST, V1, RoutingRole.CHAMPION, 0, "alice", T0),
                        new ApprovePromotion(LINE, REQUEST, "bob", true, "looks good", T0.plusSeconds(60)))
                .whenTimeElapses(TTL.plusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void rollbackRestoresThePreviousChampion() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        routed(V1_CHAMPION, V2_CHAMPION))
                .when(new RollbackToLastGood(LINE, "bob", "escapes rose", T0.plusSeconds(60)))
                .expectEvents(new RolledBackToLastGood(ACME, V2, V1, "bob", "escapes rose", T0.plusSeconds(60)),
                        new HrsRoutingChanged(ACME, V2_CHAMPION, V1_CHAMPION, HrsModelLine.ROLLBACK_CAUSE, "bob",
                                T0.plusSeconds(60)))
                .expectResultMessagePayload(new PromotionOutcome(null, null, null, V1_CHAMPION, 5L));
    }

    @Test
    void rollbackSkipsRefusedArtifacts() {
        HrsRouting v3Champion = new HrsRouting(V3, null, 0, List.of());
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), registered(MODEL_V3),
                        routed(HrsRouting.bundledOnly(), V1_CHAMPION), routed(V1_CHAMPION, V2_CHAMPION),
                        routed(V2_CHAMPION, v3Champion),
                        new ModelArtifactRefused(ACME, V2, "signature-invalid", "instance-a", T0))
                .when(new RollbackToLastGood(LINE, "bob", "escapes rose", T0.plusSeconds(60)))
                .expectEvents(new RolledBackToLastGood(ACME, V3, V1, "bob", "escapes rose", T0.plusSeconds(60)),
                        new HrsRoutingChanged(ACME, v3Champion, V1_CHAMPION, HrsModelLine.ROLLBACK_CAUSE, "bob",
                                T0.plusSeconds(60)));
    }

    @Test
    void rollbackWithNoTrustedEarlierChampionReturnsToTheBundledModel() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        routed(V1_CHAMPION, V2_CHAMPION),
                        new ModelArtifactRefused(ACME, V1, "signature-invalid", "instance-a", T0))
                .when(new RollbackToLastGood(LINE, "bob", "escapes rose", T0.plusSeconds(60)))
                .expectEvents(new RolledBackToLastGood(ACME, V2, null, "bob", "escapes rose", T0.plusSeconds(60)),
                        new HrsRoutingChanged(ACME, V2_CHAMPION, HrsRouting.bundledOnly(),
                                HrsModelLine.ROLLBACK_CAUSE, "bob", T0.plusSeconds(60)));
    }

    @Test
    void aRolledBackVersionIsNotReturnedToByALaterRollback() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        routed(V1_CHAMPION, V2_CHAMPION),
                        new RolledBackToLastGood(ACME, V2, V1, "bob", "escapes rose", T0),
                        rolledBack(V2_CHAMPION, V1_CHAMPION))
                .when(new RollbackToLastGood(LINE, "bob", "v1 is worse too", T0.plusSeconds(60)))
                .expectEvents(new RolledBackToLastGood(ACME, V1, null, "bob", "v1 is worse too", T0.plusSeconds(60)),
                        new HrsRoutingChanged(ACME, V1_CHAMPION, HrsRouting.bundledOnly(), HrsModelLine.ROLLBACK_CAUSE,
                                "bob", T0.plusSeconds(60)));
    }

    @Test
    void aLaterChampionRollsBackToTheVersionRestoredBeforeIt() {
        HrsRouting v3Champion = new HrsRouting(V3, null, 0, List.of());
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), registered(MODEL_V3),
                        routed(HrsRouting.bundledOnly(), V1_CHAMPION), routed(V1_CHAMPION, V2_CHAMPION),
                        new RolledBackToLastGood(ACME, V2, V1, "bob", "escapes rose", T0),
                        rolledBack(V2_CHAMPION, V1_CHAMPION),
                        routed(V1_CHAMPION, v3Champion))
                .when(new RollbackToLastGood(LINE, "bob", "v3 is worse", T0.plusSeconds(60)))
                .expectEvents(new RolledBackToLastGood(ACME, V3, V1, "bob", "v3 is worse", T0.plusSeconds(60)),
                        new HrsRoutingChanged(ACME, v3Champion, V1_CHAMPION, HrsModelLine.ROLLBACK_CAUSE, "bob",
                                T0.plusSeconds(60)));
    }

    @Test
    void aChallengerRestoredAsChampionLeavesTheChallengerSlot() {
        HrsRouting v2WithChallenger = new HrsRouting(V2, V1, 0.1, List.of());
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        routed(V1_CHAMPION, new HrsRouting(V2, null, 0, List.of())),
                        routed(V2_CHAMPION, v2WithChallenger))
                .when(new RollbackToLastGood(LINE, "bob", "escapes rose", T0.plusSeconds(60)))
                .expectEvents(new RolledBackToLastGood(ACME, V2, V1, "bob", "escapes rose", T0.plusSeconds(60)),
                        new HrsRoutingChanged(ACME, v2WithChallenger, V1_CHAMPION, HrsModelLine.ROLLBACK_CAUSE, "bob",
                                T0.plusSeconds(60)));
    }

    @Test
    void theBundledModelWithNoEarlierChampionHasNothingToRollBack() {
        fixture.given(registered(MODEL_V1))
                .when(new RollbackToLastGood(LINE, "bob", "panic", T0))
                .expectException(violation("nothing-to-roll-back"))
                .expectNoEvents();
    }

    @Test
    void afterRollingBackToTheBundledModelThereIsNothingLeftToRollBack() {
        fixture.given(registered(MODEL_V1), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        new RolledBackToLastGood(ACME, V1, null, "bob", "escapes rose", T0),
                        rolledBack(V1_CHAMPION, HrsRouting.bundledOnly()))
                .when(new RollbackToLastGood(LINE, "bob", "again", T0.plusSeconds(60)))
                .expectException(violation("nothing-to-roll-back"))
                .expectNoEvents();
    }

    @Test
    void aRolloutRoutesItsCanaryInTheChallengerSlot() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION))
                .when(routeCanary(ROLLOUT, V2, 0.1))
                .expectEvents(canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY))
                .expectResultMessagePayload(new PromotionOutcome(null, null, null, V2_CANARY, 3L));
    }

    @Test
    void aCanaryMayDecideEveryTask() {
        HrsRouting everything = new HrsRouting(V1, V2, 1.0, List.of());
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION))
                .when(routeCanary(ROLLOUT, V2, 1.0))
                .expectEvents(canaryRouted(ROLLOUT, V1_CHAMPION, everything));
    }

    @Test
    void aCanaryReplacesAManualChallengerAndLeavesTheShadows() {
        HrsRouting manual = new HrsRouting(V1, V3, 0.2, List.of(V2));
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), registered(MODEL_V3),
                        routed(HrsRouting.bundledOnly(), manual))
                .when(routeCanary(ROLLOUT, V2, 0.1))
                .expectEvents(canaryRouted(ROLLOUT, manual, V2_CANARY));
    }

    @Test
    void aCanaryShareMustBeAboveZeroAndAtMostAll() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2))
                .when(routeCanary(ROLLOUT, V2, 0))
                .expectException(invalid("share"))
                .expectNoEvents();
        new AggregateTestFixture<>(HrsModelLine.class)
                .given(registered(MODEL_V1), registered(MODEL_V2))
                .when(routeCanary(ROLLOUT, V2, 1.01))
                .expectException(invalid("share"))
                .expectNoEvents();
    }

    @Test
    void aManualChallengerIsStillHeldToHalfTheTraffic() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION))
                .when(request(REQUEST, V2, RoutingRole.CHALLENGER, 0.51, "alice", T0))
                .expectException(invalid("challengerShare"))
                .expectNoEvents();
    }

    @Test
    void anUnregisteredCanaryIsRefusedOnTheRecord() {
        String detail = "version " + V2 + " is not registered for tenant acme";
        fixture.givenNoPriorActivity()
                .when(routeCanary(ROLLOUT, V2, 0.1))
                .expectEvents(new PromotionRefused(ACME, null, V2, PromotionRefusal.NOT_REGISTERED, detail, "rollouts",
                        T0))
                .expectResultMessagePayload(new PromotionOutcome(null, PromotionRefusal.NOT_REGISTERED, detail,
                        HrsRouting.bundledOnly(), 0L));
    }

    @Test
    void anIneligibleCanaryIsRefusedOnTheRecord() {
        fixture.given(registered(MODEL_WEAK))
                .when(routeCanary(ROLLOUT, WEAK, 0.1))
                .expectEvents(new PromotionRefused(ACME, null, WEAK, PromotionRefusal.NOT_ELIGIBLE,
                        "version " + WEAK + " cannot decide as CHALLENGER: ROC AUC 0.8100 (minimum 0.8500), "
                                + "ECE 0.0700 (maximum 0.0500)", "rollouts", T0));
    }

    @Test
    void aCanaryWhoseArtifactWasRefusedIsRefusedOnTheRecord() {
        fixture.given(registered(MODEL_V2), new ModelArtifactRefused(ACME, V2, "sha256-mismatch", "instance-a", T0))
                .when(routeCanary(ROLLOUT, V2, 0.1))
                .expectEvents(new PromotionRefused(ACME, null, V2, PromotionRefusal.ARTIFACT_REFUSED,
                        "the artifact of version " + V2 + " was refused: sha256-mismatch", "rollouts", T0));
    }

    @Test
    void theChampionCannotBeRolledOutAgain() {
        fixture.given(registered(MODEL_V1), routed(HrsRouting.bundledOnly(), V1_CHAMPION))
                .when(routeCanary(ROLLOUT, V1, 0.1))
                .expectException(violation("canary-is-champion"))
                .expectNoEvents();
    }

    @Test
    void anotherRolloutCannotRouteACanaryWhileOneIsRouted() {
        String detail = "rollout " + ROLLOUT + " routes version " + V2 + " as its canary; complete or abort it first";
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), registered(MODEL_V3),
                        routed(HrsRouting.bundledOnly(), V1_CHAMPION), canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY))
                .when(routeCanary(OTHER_ROLLOUT, V3, 0.1))
                .expectEvents(new PromotionRefused(ACME, null, V3, PromotionRefusal.ROLLOUT_IN_PROGRESS, detail,
                        "rollouts", T0))
                .expectResultMessagePayload(new PromotionOutcome(null, PromotionRefusal.ROLLOUT_IN_PROGRESS, detail,
                        V2_CANARY, 5L));
    }

    @Test
    void aRolloutRoutesOnlyItsOwnVersion() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), registered(MODEL_V3),
                        routed(HrsRouting.bundledOnly(), V1_CHAMPION), canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY))
                .when(routeCanary(ROLLOUT, V3, 0.2))
                .expectException(violation("canary-version-mismatch"))
                .expectNoEvents();
    }

    @Test
    void theSameRolloutMovesItsCanarysShare() {
        HrsRouting wider = new HrsRouting(V1, V2, 0.4, List.of());
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY))
                .when(routeCanary(ROLLOUT, V2, 0.4))
                .expectEvents(canaryRouted(ROLLOUT, V2_CANARY, wider));
    }

    @Test
    void aRetriedStepAtTheSameShareRecordsNothing() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY))
                .when(routeCanary(ROLLOUT, V2, 0.1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new PromotionOutcome(null, null, null, V2_CANARY, 3L));
    }

    @Test
    void aCompletedRolloutMakesItsCanaryTheChampion() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY))
                .when(new PromoteCanary(LINE, ROLLOUT, "rollouts", T0.plusSeconds(60)))
                .expectEvents(new HrsRoutingChanged(ACME, V2_CANARY, V2_CHAMPION, "rollout:" + ROLLOUT, "rollouts",
                        T0.plusSeconds(60)))
                .expectResultMessagePayload(new PromotionOutcome(null, null, null, V2_CHAMPION, 4L));
    }

    @Test
    void theChampionAPromotedCanaryReplacedIsTheLastGoodOne() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY), canaryRouted(ROLLOUT, V2_CANARY, V2_CHAMPION))
                .when(new RollbackToLastGood(LINE, "bob", "escapes rose", T0.plusSeconds(60)))
                .expectEvents(new RolledBackToLastGood(ACME, V2, V1, "bob", "escapes rose", T0.plusSeconds(60)),
                        new HrsRoutingChanged(ACME, V2_CHAMPION, V1_CHAMPION, HrsModelLine.ROLLBACK_CAUSE, "bob",
                                T0.plusSeconds(60)));
    }

    @Test
    void onlyTheRoutedRolloutsCanaryIsPromoted() {
        String detail = "rollout " + ROLLOUT + " routes version " + V2 + " as its canary; complete or abort it first";
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY))
                .when(new PromoteCanary(LINE, OTHER_ROLLOUT, "rollouts", T0))
                .expectEvents(new PromotionRefused(ACME, null, V2, PromotionRefusal.ROLLOUT_IN_PROGRESS, detail,
                        "rollouts", T0));
    }

    @Test
    void withoutARoutedCanaryThereIsNothingToPromote() {
        String detail = "no canary of rollout " + ROLLOUT + " is routed for tenant acme";
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY), canaryRouted(ROLLOUT, V2_CANARY, V1_CHAMPION))
                .when(new PromoteCanary(LINE, ROLLOUT, "rollouts", T0))
                .expectEvents(new PromotionRefused(ACME, null, null, PromotionRefusal.NOT_PENDING, detail, "rollouts",
                        T0))
                .expectResultMessagePayload(new PromotionOutcome(null, PromotionRefusal.NOT_PENDING, detail,
                        V1_CHAMPION, 5L));
    }

    @Test
    void aCanaryWhoseArtifactWasRefusedSinceIsNotPromoted() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY),
                        new ModelArtifactRefused(ACME, V2, "signature-invalid", "instance-a", T0))
                .when(new PromoteCanary(LINE, ROLLOUT, "rollouts", T0))
                .expectEvents(new PromotionRefused(ACME, null, V2, PromotionRefusal.ARTIFACT_REFUSED,
                        "the artifact of version " + V2 + " was refused: signature-invalid", "rollouts", T0));
    }

    @Test
    void aWithdrawnCanaryLeavesTheChallengerSlot() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY))
                .when(new WithdrawCanary(LINE, ROLLOUT, "rollouts", "latency gate failed", T0.plusSeconds(60)))
                .expectEvents(new HrsRoutingChanged(ACME, V2_CANARY, V1_CHAMPION, "rollout:" + ROLLOUT, "rollouts",
                        T0.plusSeconds(60)))
                .expectResultMessagePayload(new PromotionOutcome(null, null, null, V1_CHAMPION, 4L));
    }

    @Test
    void aWithdrawnCanaryGivesTheSlotBackToTheManualChallengerItDisplaced() {
        HrsRouting manual = new HrsRouting(V1, V3, 0.2, List.of());
        HrsRouting canary = new HrsRouting(V1, V2, 0.1, List.of());
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), registered(MODEL_V3),
                        routed(HrsRouting.bundledOnly(), V1_CHAMPION), routed(V1_CHAMPION, manual),
                        canaryRouted(ROLLOUT, manual, canary))
                .when(new WithdrawCanary(LINE, ROLLOUT, "rollouts", "latency gate failed", T0.plusSeconds(60)))
                .expectEvents(new HrsRoutingChanged(ACME, canary, manual, "rollout:" + ROLLOUT, "rollouts",
                        T0.plusSeconds(60)));
    }

    /** Back in its slot, the manual challenger is no canary: the rollout's withdrawal, repeated, changes nothing. */
    @Test
    void theRestoredChallengerIsNoLongerTheRolloutsCanary() {
        HrsRouting manual = new HrsRouting(V1, V3, 0.2, List.of());
        HrsRouting canary = new HrsRouting(V1, V2, 0.1, List.of());
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), registered(MODEL_V3),
                        routed(HrsRouting.bundledOnly(), V1_CHAMPION), routed(V1_CHAMPION, manual),
                        canaryRouted(ROLLOUT, manual, canary), canaryRouted(ROLLOUT, canary, manual))
                .when(new WithdrawCanary(LINE, ROLLOUT, "rollouts", "retry", T0.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDisplacedChallengerWhoseArtifactWasRefusedIsNotRestored() {
        HrsRouting manual = new HrsRouting(V1, V3, 0.2, List.of());
        HrsRouting canary = new HrsRouting(V1, V2, 0.1, List.of());
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), registered(MODEL_V3),
                        routed(HrsRouting.bundledOnly(), V1_CHAMPION), routed(V1_CHAMPION, manual),
                        canaryRouted(ROLLOUT, manual, canary),
                        new ModelArtifactRefused(ACME, V3, "sha256-mismatch", "instance-a", T0))
                .when(new WithdrawCanary(LINE, ROLLOUT, "rollouts", "aborted", T0.plusSeconds(60)))
                .expectEvents(new HrsRoutingChanged(ACME, canary, V1_CHAMPION, "rollout:" + ROLLOUT, "rollouts",
                        T0.plusSeconds(60)));
    }

    @Test
    void withdrawingAWithdrawnCanaryAgainRecordsNothing() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY), canaryRouted(ROLLOUT, V2_CANARY, V1_CHAMPION))
                .when(new WithdrawCanary(LINE, ROLLOUT, "rollouts", "retry", T0.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anotherRolloutsWithdrawalLeavesTheCanaryRouted() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY))
                .when(new WithdrawCanary(LINE, OTHER_ROLLOUT, "rollouts", "aborted", T0.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void duringARolloutNoManualPromotionChangesWhoDecides() {
        String detail = "rollout " + ROLLOUT + " routes version " + V2 + " as its canary; complete or abort it first";
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), registered(MODEL_V3),
                        routed(HrsRouting.bundledOnly(), V1_CHAMPION), canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY),
                        requested(REQUEST, MODEL_V3, RoutingRole.CHAMPION, 0, "alice", T0))
                .when(new ApprovePromotion(LINE, REQUEST, "bob", true, "looks good", T0.plusSeconds(60)))
                .expectEvents(new PromotionRefused(ACME, REQUEST, V3, PromotionRefusal.ROLLOUT_IN_PROGRESS, detail,
                        "bob", T0.plusSeconds(60)))
                .expectResultMessagePayload(new PromotionOutcome(REQUEST, PromotionRefusal.ROLLOUT_IN_PROGRESS,
                        detail, V2_CANARY, 6L));
        new AggregateTestFixture<>(HrsModelLine.class)
                .given(registered(MODEL_V1), registered(MODEL_V2), registered(MODEL_V3),
                        routed(HrsRouting.bundledOnly(), V1_CHAMPION), canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY),
                        requested(REQUEST, MODEL_V3, RoutingRole.CHALLENGER, 0.2, "alice", T0))
                .when(new ApprovePromotion(LINE, REQUEST, "bob", true, "looks good", T0.plusSeconds(60)))
                .expectEvents(new PromotionRefused(ACME, REQUEST, V3, PromotionRefusal.ROLLOUT_IN_PROGRESS, detail,
                        "bob", T0.plusSeconds(60)));
    }

    @Test
    void duringARolloutTheCanaryCannotBeRetiredByHand() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), routed(HrsRouting.bundledOnly(), V1_CHAMPION),
                        canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY),
                        requested(REQUEST, MODEL_V2, RoutingRole.RETIRED, 0, "alice", T0))
                .when(new ApprovePromotion(LINE, REQUEST, "bob", true, "looks bad", T0.plusSeconds(60)))
                .expectEvents(new PromotionRefused(ACME, REQUEST, V2, PromotionRefusal.ROLLOUT_IN_PROGRESS,
                        "rollout " + ROLLOUT + " routes version " + V2 + " as its canary; complete or abort it first",
                        "bob", T0.plusSeconds(60)));
    }

    @Test
    void duringARolloutAnotherVersionMayStillShadow() {
        HrsRouting shadowed = new HrsRouting(V1, V2, 0.1, List.of(V3));
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), registered(MODEL_V3),
                        routed(HrsRouting.bundledOnly(), V1_CHAMPION), canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY),
                        requested(REQUEST, MODEL_V3, RoutingRole.SHADOW, 0, "alice", T0))
                .when(new ApprovePromotion(LINE, REQUEST, "bob", true, "watch it", T0.plusSeconds(60)))
                .expectEvents(new PromotionApproved(ACME, REQUEST, V3, RoutingRole.SHADOW, "alice", "bob", "watch it",
                                T0.plusSeconds(60)),
                        new HrsRoutingChanged(ACME, V2_CANARY, shadowed, "promotion:" + REQUEST, "bob",
                                T0.plusSeconds(60)));
    }

    @Test
    void afterAWithdrawnRolloutManualPromotionsDecideAgain() {
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), registered(MODEL_V3),
                        routed(HrsRouting.bundledOnly(), V1_CHAMPION), canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY),
                        canaryRouted(ROLLOUT, V2_CANARY, V1_CHAMPION),
                        requested(REQUEST, MODEL_V3, RoutingRole.CHAMPION, 0, "alice", T0))
                .when(new ApprovePromotion(LINE, REQUEST, "bob", true, "looks good", T0.plusSeconds(60)))
                .expectEvents(new PromotionApproved(ACME, REQUEST, V3, RoutingRole.CHAMPION, "alice", "bob",
                                "looks good", T0.plusSeconds(60)),
                        new HrsRoutingChanged(ACME, V1_CHAMPION, new HrsRouting(V3, null, 0, List.of()),
                                "promotion:" + REQUEST, "bob", T0.plusSeconds(60)));
    }

    @Test
    void aRollbackThatMakesTheCanaryChampionEndsItsRollout() {
        HrsRouting v1Canary = new HrsRouting(V2, V1, 0.1, List.of());
        fixture.given(registered(MODEL_V1), registered(MODEL_V2), registered(MODEL_V3),
                        routed(HrsRouting.bundledOnly(), V1_CHAMPION), routed(V1_CHAMPION, V2_CHAMPION),
                        canaryRouted(ROLLOUT, V2_CHAMPION, v1Canary),
                        new RolledBackToLastGood(ACME, V2, V1, "bob", "escapes rose", T0),
                        rolledBack(v1Canary, V1_CHAMPION))
                .when(routeCanary(OTHER_ROLLOUT, V3, 0.1))
                .expectEvents(canaryRouted(OTHER_ROLLOUT, V1_CHAMPION, new HrsRouting(V1, V3, 0.1, List.of())));
    }

    /** The line is snapshotted as the JSON of its fields, so the rollout that owns the canary must be one. */
    @Test
    void theRolloutOwningTheCanarySurvivesASnapshot() throws Exception {
        HrsModelLine line = new HrsModelLine();
        line.on(registered(MODEL_V1));
        line.on(registered(MODEL_V2));
        line.on(routed(HrsRouting.bundledOnly(), V1_CHAMPION));
        line.on(canaryRouted(ROLLOUT, V1_CHAMPION, V2_CANARY));
        ObjectMapper json = new ObjectMapper();

        String snapshot = json.writeValueAsString(line);

        assertThat(snapshot).contains("\"canaryRollout\":\"" + ROLLOUT + "\"");
        assertThat(json.writeValueAsString(json.readValue(snapshot, HrsModelLine.class))).isEqualTo(snapshot);
    }

    private static RouteCanary routeCanary(RolloutId rolloutId, String version, double share) {
        return new RouteCanary(LINE, rolloutId, version, share, GATES, "rollouts", T0);
    }

    private static HrsRoutingChanged canaryRouted(RolloutId rolloutId, HrsRouting before, HrsRouting after) {
        return new HrsRoutingChanged(ACME, before, after, "rollout:" + rolloutId, "rollouts", T0);
    }

    private static RequestPromotion request(PromotionRequestId requestId, String version, RoutingRole target,
                                            double share, String actor, Instant at) {
        return new RequestPromotion(LINE, requestId, version, target, share, GATES, TTL, actor, "better", at);
    }

    private static PromotionRequested requested(PromotionRequestId requestId, RegisteredModel model,
                                                RoutingRole target, double share, String actor, Instant at) {
        return new PromotionRequested(ACME, requestId, model.modelVersion(), target, share, GATES,
                model.metrics().rocAuc(), model.metrics().ece(), actor, "better", at, at.plus(TTL));
    }

    private static ModelVersionRegistered registered(RegisteredModel model) {
        return new ModelVersionRegistered(ACME, model, "trainer", T0);
    }

    private static HrsRoutingChanged routed(HrsRouting before, HrsRouting after) {
        return new HrsRoutingChanged(ACME, before, after, "promotion:" + REQUEST, "bob", T0);
    }

    private static HrsRoutingChanged rolledBack(HrsRouting before, HrsRouting after) {
        return new HrsRoutingChanged(ACME, before, after, HrsModelLine.ROLLBACK_CAUSE, "bob", T0);
    }

    private static RegisteredModel model(String version, String sha256, double rocAuc, double ece) {
        ModelMetrics metrics = new ModelMetrics(rocAuc, 0.7, 0.08, ece, 400, 60,
                List.of(new ModelMetrics.CurvePoint(0, 0), new ModelMetrics.CurvePoint(1, 1)),
                List.of(new ModelMetrics.CurvePoint(0, 1), new ModelMetrics.CurvePoint(1, 0.15)),
                List.of(new ModelMetrics.ReliabilityBin(0, 1, 400, 0.15, 0.15)));
        return new RegisteredModel(version, TrainingId.of("tr-00000000-0000-0000-0000-000000000001"),
                "tribuo-logistic-regression", "platt", sha256, "c2lnbmF0dXJl", "k".repeat(64),
                List.of("logprobMean", "temperature"), T0.minus(Duration.ofDays(30)), T0, 42, 280, 60, 60,
                "d".repeat(64), List.of(new CandidateResult("logistic-regression", "tribuo-logistic-regression",
                rocAuc, true)), metrics);
    }
}
