package io.flk.api.rollout;

import io.flk.domain.rollout.RolloutAction;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutEvent.RolloutStepJudged;
import io.flk.domain.rollout.RolloutQueries.ListRollouts;
import io.flk.domain.rollout.RolloutQueries.RolloutView;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.tenant.TenantQueries.FetchTenants;
import io.flk.domain.tenant.TenantQueries.TenantList;
import io.flk.domain.tenant.TenantQueries.TenantView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The rollout metrics.
 * <ul>
 *   <li>{@code flk_rollout_share{tenant,component}}: the canary share of the tenant's active rollout of that
 *   component, 0 when there is none. Read from the rollouts read model, so that every instance reports the same
 *   figure whichever instance judged the last step, and a restart does not lose it (dashboards take the max).</li>
 *   <li>{@code flk_rollout_decisions_total{tenant,component,action}}: judged looks by action. Counted by a
 *   subscribing handler, which runs in the thread that published the event: only the instance that judged the
 *   look counts it, so the sum over instances counts each look once, and a replay counts nothing again. The
 *   count is taken after the judging transaction committed. Every tenant's counters exist from zero, so that
 *   {@code increase()} sees the first rollback of a tenant too.</li>
 * </ul>
 */
@Component
@ProcessingGroup(RolloutMetrics.GROUP)
public class RolloutMetrics {

    public static final String GROUP = "rollout-metrics";
    static final String SHARE = "flk.rollout.share";
    static final String DECISIONS = "flk.rollout.decisions";

    private final QueryGateway queries;
    private final MeterRegistry registry;
    private final MultiGauge share;

    public RolloutMetrics(QueryGateway queries, MeterRegistry registry) {
        this.queries = queries;
        this.registry = registry;
        this.share = MultiGauge.builder(SHARE)
                .description("Canary share of the active rollout of a tenant's component, 0 without one")
                .register(registry);
    }

    @EventHandler
    void on(RolloutStepJudged judged, UnitOfWork<?> unitOfWork) {
        Counter counter = decisions(judged.tenantId().value(), judged.component(), judged.judgement().action());
        unitOfWork.afterCommit(committed -> counter.increment());
    }

    @Scheduled(fixedDelayString = "${flk.metrics.refresh-interval:PT5S}")
    public void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (TenantView tenant : queries.query(new FetchTenants(), TenantList.class).join().tenants()) {
            Map<RolloutComponent, Double> shares = new EnumMap<>(RolloutComponent.class);
            queries.query(new ListRollouts(TenantId.of(tenant.tenantId())),
                            ResponseTypes.multipleInstancesOf(RolloutView.class))
                    .join().stream().filter(rollout -> rollout.status().active())
                    .forEach(rollout -> shares.putIfAbsent(rollout.component(), rollout.share()));
            for (RolloutComponent component : RolloutComponent.values()) {
                rows.add(MultiGauge.Row.of(Tags.of("tenant", tenant.tenantId(), "component", component.id()),
                        shares.getOrDefault(component, 0.0)));
                for (RolloutAction action : RolloutAction.values()) {
                    decisions(tenant.tenantId(), component, action);
                }
            }
        }
        share.register(rows, true);
    }

    private Counter decisions(String tenant, RolloutComponent component, RolloutAction action) {
        return Counter.builder(DECISIONS).description("Judged rollout looks by the action they took")
                .tags("tenant", tenant, "component", component.id(), "action", action.name())
                .register(registry);
    }
}
