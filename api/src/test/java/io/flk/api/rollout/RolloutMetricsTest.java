package io.flk.api.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.rollout.ArmStats;
import io.flk.domain.rollout.RolloutAction;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutEvent.RolloutStepJudged;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutJudgement;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutQueries.ListRollouts;
import io.flk.domain.rollout.RolloutQueries.RolloutView;
import io.flk.domain.rollout.RolloutStatus;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.rollout.RolloutWindow;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.tenant.TenantQueries.FetchTenants;
import io.flk.domain.tenant.TenantQueries.TenantList;
import io.flk.domain.tenant.TenantQueries.TenantView;
import io.flk.domain.tenant.TenantStatus;
import io.flk.domain.verification.evaluation.DefaultPolicies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.Test;

/** What the rollout metrics report, against a query bus that answers like the read models. */
class RolloutMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aJudgedLookIsCountedOnceItsTransactionCommitted() {
        RolloutMetrics metrics = metrics(List.of());
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);

        metrics.on(judged(RolloutAction.ROLLBACK), unitOfWork);

        assertThat(decisions(RolloutComponent.HRS_MODEL, RolloutAction.ROLLBACK).count()).isZero();
        unitOfWork.commit();
        assertThat(decisions(RolloutComponent.HRS_MODEL, RolloutAction.ROLLBACK).count()).isEqualTo(1);
    }

    @Test
    void aLookWhoseTransactionRolledBackIsNotCounted() {
        RolloutMetrics metrics = metrics(List.of());
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);

        metrics.on(judged(RolloutAction.ADVANCE), unitOfWork);
        unitOfWork.rollback();

        assertThat(decisions(RolloutComponent.HRS_MODEL, RolloutAction.ADVANCE).count()).isZero();
    }

    @Test
    void theShareIsTheActiveRolloutsAndZeroForAComponentWithout() {
        RolloutMetrics metrics = metrics(List.of(
                view(RolloutComponent.ENSEMBLE_POLICY, RolloutStatus.RUNNING, 0.25),
                view(RolloutComponent.HRS_MODEL, RolloutStatus.COMPLETED, 1.0)));

        metrics.refresh();

        assertThat(share(RolloutComponent.ENSEMBLE_POLICY).value()).isEqualTo(0.25);
        assertThat(share(RolloutComponent.HRS_MODEL).value()).isZero();
    }

    @Test
    void everyTenantHasZeroDecisionsOfEachActionBeforeAnyLook() {
        metrics(List.of()).refresh();

        for (RolloutComponent component : RolloutComponent.values()) {
            for (RolloutAction action : RolloutAction.values()) {
                assertThat(decisions(component, action).count()).as("%s %s", component, action).isZero();
            }
        }
    }

    private RolloutMetrics metrics(List<RolloutView> rollouts) {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(new ReadModels(rollouts)).subscribe(bus);
        return new RolloutMetrics(DefaultQueryGateway.builder().queryBus(bus).build(), registry);
    }

    private Counter decisions(RolloutComponent component, RolloutAction action) {
        return registry.get(RolloutMetrics.DECISIONS).tags("tenant", "acme", "component", component.id(), "action",
                action.name()).counter();
    }

    private Gauge share(RolloutComponent component) {
        return registry.get(RolloutMetrics.SHARE).tags("tenant", "acme", "component", component.id()).gauge();
    }

    private static RolloutStepJudged judged(RolloutAction action) {
        RolloutWindow window = new RolloutWindow(NOW.minusSeconds(60), NOW, NOW.minusSeconds(30), 1_000_000, null,
                ArmStats.EMPTY, ArmStats.EMPTY);
        return new RolloutStepJudged(TenantId.of("acme"), RolloutId.random(), RolloutComponent.HRS_MODEL, 1, 3, window,
                new RolloutJudgement(List.of(), false, action, null, 0.1, 0.1, "as the test says"), NOW);
    }

    private static RolloutView view(RolloutComponent component, RolloutStatus status, double share) {
        RolloutTarget target = component == RolloutComponent.HRS_MODEL
                ? RolloutTarget.model("hrs-0123456789abcdef", EligibilityGates.defaults())
                : RolloutTarget.policy(DefaultPolicies.spec());
        return new RolloutView("acme", RolloutId.random().value(), component, target, RolloutPlan.defaults(), status,
                "canary", 1, share, "operator", "approver", NOW, NOW, null, null, null, null);
    }

    /** Answers as the tenants and rollouts read models do. */
    static final class ReadModels {

        private final List<RolloutView> rollouts;

        ReadModels(List<RolloutView> rollouts) {
            this.rollouts = rollouts;
        }

        @QueryHandler
        TenantList tenants(FetchTenants query) {
            return new TenantList(List.of(new TenantView("acme", "Acme", 3600, 0.05, TenantStatus.ACTIVE, NOW, NOW,
                    0)));
        }

        @QueryHandler
        List<RolloutView> rollouts(ListRollouts query) {
            return rollouts;
        }
    }
}
