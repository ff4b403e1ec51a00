package io.flk.projections.hrs;

import static io.flk.projections.hrs.HrsFixtures.AT;
import static io.flk.projections.hrs.HrsFixtures.freshTenant;
import static io.flk.projections.hrs.HrsFixtures.model;
import static io.flk.projections.hrs.HrsFixtures.objectMapper;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.hrs.HrsModelEvent.HrsRoutingChanged;
import io.flk.domain.hrs.HrsModelEvent.ModelArtifactRefused;
import io.flk.domain.hrs.HrsModelEvent.ModelVersionRegistered;
import io.flk.domain.hrs.HrsModelQueries.FetchHrsModelVersions;
import io.flk.domain.hrs.HrsModelQueries.FindHrsModelVersion;
import io.flk.domain.hrs.HrsModelQueries.HrsModelVersionView;
import io.flk.domain.hrs.HrsRouting;
import io.flk.domain.hrs.RegisteredModel;
import io.flk.domain.hrs.RoutingRole;
import io.flk.domain.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

class HrsModelVersionProjectionTest {

    private final HrsModelVersionProjection projection =
            new HrsModelVersionProjection(TestDatabase.get().dsl(), objectMapper());
    private final TenantId tenant = freshTenant();

    @Test
    void versionsAreListedNewestFirstWithTheirWholeRegistration() {
        RegisteredModel first = model("hrs-1", AT.minusSeconds(86_400));
        RegisteredModel second = model("hrs-2", AT);
        projection.on(new ModelVersionRegistered(tenant, first, "operator", AT));
        projection.on(new ModelVersionRegistered(tenant, second, "scheduler", AT.plusSeconds(60)));
        projection.on(new ModelVersionRegistered(tenant, second, "scheduler", AT.plusSeconds(60)));

        List<HrsModelVersionView> versions = projection.handle(new FetchHrsModelVersions(tenant)).versions();

        assertThat(versions).containsExactly(
                new HrsModelVersionView(tenant.value(), second, "scheduler", AT.plusSeconds(60), null, null),
                new HrsModelVersionView(tenant.value(), first, "operator", AT, null, null));
        assertThat(projection.handle(new FetchHrsModelVersions(freshTenant())).versions()).isEmpty();
    }

    @Test
    void eachVersionShowsItsRoleInTheCurrentRoutingOnly() {
        for (String version : List.of("hrs-1", "hrs-2", "hrs-3", "hrs-4")) {
            projection.on(new ModelVersionRegistered(tenant, model(version, AT), "operator", AT));
        }
        HrsRouting before = new HrsRouting("hrs-1", "hrs-2", 0.1, List.of("hrs-3"));
        HrsRouting after = new HrsRouting("hrs-2", null, 0, List.of("hrs-4"));
        projection.on(new HrsRoutingChanged(tenant, HrsRouting.bundledOnly(), before, "pr-1", "approver", AT));
        assertThat(role("hrs-3")).isEqualTo(RoutingRole.SHADOW);

        projection.on(new HrsRoutingChanged(tenant, before, after, "pr-2", "approver", AT.plusSeconds(60)));

        assertThat(role("hrs-1")).isNull();
        assertThat(role("hrs-2")).isEqualTo(RoutingRole.CHAMPION);
        assertThat(role("hrs-3")).isNull();
        assertThat(role("hrs-4")).isEqualTo(RoutingRole.SHADOW);

        projection.on(new HrsRoutingChanged(tenant, after, HrsRouting.bundledOnly(), "rollback", "operator", AT));
        assertThat(projection.handle(new FetchHrsModelVersions(tenant)).versions())
                .extracting(HrsModelVersionView::role).containsOnlyNulls();
    }

    @Test
    void aRefusedArtifactIsShownOnItsVersion() {
        projection.on(new ModelVersionRegistered(tenant, model("hrs-1", AT), "operator", AT));
        projection.on(new ModelVersionRegistered(tenant, model("hrs-2", AT), "operator", AT));

        projection.on(new ModelArtifactRefused(tenant, "hrs-1", "sha256 mismatch", "instance-a", AT));

        assertThat(find(tenant, "hrs-1").refusal()).isEqualTo("sha256 mismatch");
        assertThat(find(tenant, "hrs-2").refusal()).isNull();
    }

    @Test
    void findingAnUnknownOrAnotherTenantsVersionAnswersEmpty() {
        projection.on(new ModelVersionRegistered(tenant, model("hrs-1", AT), "operator", AT));

        assertThat(projection.handle(new FindHrsModelVersion(tenant, "hrs-9"))).isEmpty();
        assertThat(projection.handle(new FindHrsModelVersion(freshTenant(), "hrs-1"))).isEmpty();
    }

    private RoutingRole role(String version) {
        return find(tenant, version).role();
    }

    private HrsModelVersionView find(TenantId tenantId, String version) {
        return projection.handle(new FindHrsModelVersion(tenantId, version)).orElseThrow();
    }
}
