package io.flk.projections.hrs;

import static io.flk.projections.hrs.HrsFixtures.AT;
import static io.flk.projections.hrs.HrsFixtures.freshTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.hrs.HrsModelEvent.PromotionApproved;
import io.flk.domain.hrs.HrsModelEvent.PromotionExpired;
import io.flk.domain.hrs.HrsModelEvent.PromotionRejected;
import io.flk.domain.hrs.HrsModelEvent.PromotionRequested;
import io.flk.domain.hrs.HrsModelQueries.FetchPromotionRequests;
import io.flk.domain.hrs.HrsModelQueries.PromotionRequestView;
import io.flk.domain.hrs.HrsModelQueries.PromotionStatus;
import io.flk.domain.hrs.PromotionRequestId;
import io.flk.domain.hrs.RoutingRole;
import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionRequestProjectionTest {

    private static final Instant EXPIRES = AT.plusSeconds(86_400);

    private final PromotionRequestProjection projection = new PromotionRequestProjection(TestDatabase.get().dsl());
    private final TenantId tenant = freshTenant();

    @Test
    void aRequestIsPendingUntilDecidedAndListedNewestFirst() {
        PromotionRequestId older = request("hrs-1", RoutingRole.CHAMPION, 0, AT);
        PromotionRequestId newer = request("hrs-2", RoutingRole.CHALLENGER, 0.2, AT.plusSeconds(60));

        assertThat(requests()).containsExactly(
                new PromotionRequestView(newer.value(), tenant.value(), "hrs-2", RoutingRole.CHALLENGER, 0.2,
                        PromotionStatus.PENDING, "alice", "better AUC", AT.plusSeconds(60), EXPIRES, null, null, null),
                new PromotionRequestView(older.value(), tenant.value(), "hrs-1", RoutingRole.CHAMPION, 0,
                        PromotionStatus.PENDING, "alice", "better AUC", AT, EXPIRES, null, null, null));
        assertThat(projection.handle(new FetchPromotionRequests(freshTenant())).requests()).isEmpty();
    }

    @Test
    void approvalRejectionAndExpiryEachRecordTheirDecision() {
        PromotionRequestId approved = request("hrs-1", RoutingRole.CHAMPION, 0, AT);
        PromotionRequestId rejected = request("hrs-2", RoutingRole.SHADOW, 0, AT.plusSeconds(1));
        PromotionRequestId expired = request("hrs-3", RoutingRole.SHADOW, 0, AT.plusSeconds(2));

        projection.on(new PromotionApproved(tenant, approved, "hrs-1", RoutingRole.CHAMPION, "alice", "bob", "ok",
                AT.plusSeconds(100)));
        projection.on(new PromotionRejected(tenant, rejected, "hrs-2", "carol", "ECE too high", AT.plusSeconds(200)));
        projection.on(new PromotionExpired(tenant, expired, "hrs-3", EXPIRES));

        assertThat(requests()).extracting(PromotionRequestView::modelVersion, PromotionRequestView::status,
                        PromotionRequestView::decidedBy, PromotionRequestView::decisionReason,
                        PromotionRequestView::decidedAt)
                .containsExactly(
                        tuple("hrs-3", PromotionStatus.EXPIRED, null, null, EXPIRES),
                        tuple("hrs-2", PromotionStatus.REJECTED, "carol", "ECE too high",
                                AT.plusSeconds(200)),
                        tuple("hrs-1", PromotionStatus.APPROVED, "bob", "ok",
                                AT.plusSeconds(100)));
    }

    @Test
    void aDecidedRequestKeepsItsFirstDecision() {
        PromotionRequestId id = request("hrs-1", RoutingRole.CHAMPION, 0, AT);
        projection.on(new PromotionRejected(tenant, id, "hrs-1", "carol", "no", AT.plusSeconds(10)));

        projection.on(new PromotionExpired(tenant, id, "hrs-1", EXPIRES));
        projection.on(new PromotionRequested(tenant, id, "hrs-1", RoutingRole.CHAMPION, 0, EligibilityGates.defaults(),
                0.9, 0.02, "alice", "better AUC", AT, EXPIRES));

        assertThat(requests()).singleElement().satisfies(view -> {
            assertThat(view.status()).isEqualTo(PromotionStatus.REJECTED);
            assertThat(view.decidedBy()).isEqualTo("carol");
        });
    }

    @Test
    void aDecisionNamingAnotherTenantChangesNothing() {
        PromotionRequestId id = request("hrs-1", RoutingRole.CHAMPION, 0, AT);

        projection.on(new PromotionRejected(freshTenant(), id, "hrs-1", "mallory", "no", AT.plusSeconds(10)));

        assertThat(requests()).singleElement().extracting(PromotionRequestView::status)
                .isEqualTo(PromotionStatus.PENDING);
    }

    private PromotionRequestId request(String version, RoutingRole target, double share, Instant at) {
        PromotionRequestId id = PromotionRequestId.random();
        projection.on(new PromotionRequested(tenant, id, version, target, share, EligibilityGates.defaults(), 0.9,
                0.02, "alice", "better AUC", at, EXPIRES));
        return id;
    }

    private List<PromotionRequestView> requests() {
        return projection.handle(new FetchPromotionRequests(tenant)).requests();
    }
}
