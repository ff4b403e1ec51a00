package io.flk.projections.hrs;

import static io.flk.projections.hrs.HrsFixtures.AT;
import static io.flk.projections.hrs.HrsFixtures.freshTenant;
import static io.flk.projections.hrs.HrsFixtures.objectMapper;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.hrs.HrsModelEvent.HrsRoutingChanged;
import io.flk.domain.hrs.HrsModelQueries.FindHrsRouting;
import io.flk.domain.hrs.HrsModelQueries.HrsRoutingView;
import io.flk.domain.hrs.HrsRouting;
import io.flk.domain.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

class HrsRoutingProjectionTest {

    private final HrsRoutingProjection projection = new HrsRoutingProjection(TestDatabase.get().dsl(), objectMapper());
    private final TenantId tenant = freshTenant();

    @Test
    void aTenantWhoseRoutingNeverChangedRunsTheBundledModelAtVersionZero() {
        assertThat(projection.handle(new FindHrsRouting(tenant)))
                .isEqualTo(new HrsRoutingView(tenant.value(), HrsRouting.bundledOnly(), null, null, null, 0));
    }

    @Test
    void theLatestChangeIsShownWithTheLinesVersionAfterIt() {
        HrsRouting first = new HrsRouting("hrs-1", null, 0, List.of("hrs-2"));
        HrsRouting second = new HrsRouting("hrs-1", "hrs-2", 0.25, List.of());
        projection.on(new HrsRoutingChanged(tenant, HrsRouting.bundledOnly(), first, "pr-a", "approver", AT), 3);
        projection.on(new HrsRoutingChanged(tenant, first, second, "pr-b", "approver-2", AT.plusSeconds(60)), 7);

        assertThat(projection.handle(new FindHrsRouting(tenant)))
                .isEqualTo(new HrsRoutingView(tenant.value(), second, "approver-2", "pr-b", AT.plusSeconds(60), 8));
        assertThat(projection.handle(new FindHrsRouting(freshTenant())).version()).isZero();
    }

    @Test
    void aRedeliveredEarlierChangeDoesNotBringItsRoutingBack() {
        HrsRouting first = new HrsRouting("hrs-1", null, 0, List.of());
        HrsRouting second = new HrsRouting("hrs-2", null, 0, List.of());
        HrsRoutingChanged earlier = new HrsRoutingChanged(tenant, HrsRouting.bundledOnly(), first, "pr-a", "x", AT);
        projection.on(earlier, 1);
        projection.on(new HrsRoutingChanged(tenant, first, second, "pr-b", "y", AT.plusSeconds(1)), 2);

        projection.on(earlier, 1);

        HrsRoutingView view = projection.handle(new FindHrsRouting(tenant));
        assertThat(view.routing()).isEqualTo(second);
        assertThat(view.version()).isEqualTo(3);
    }
}
