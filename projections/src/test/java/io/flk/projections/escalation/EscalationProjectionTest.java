package io.flk.projections.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.escalation.EscalationEvent.EscalationAssigned;
import io.flk.domain.escalation.EscalationEvent.EscalationOpened;
import io.flk.domain.escalation.EscalationEvent.EscalationResolved;
import io.flk.domain.escalation.EscalationEvent.EscalationSlaBreached;
import io.flk.domain.escalation.EscalationId;
import io.flk.domain.escalation.EscalationQueries.CountOpenEscalationsPerTenant;
import io.flk.domain.escalation.EscalationQueries.EscalationView;
import io.flk.domain.escalation.EscalationQueries.FetchEscalationQueue;
import io.flk.domain.escalation.EscalationQueries.FindEscalation;
import io.flk.domain.escalation.EscalationQueries.OpenEscalationCount;
import io.flk.domain.escalation.EscalationStatus;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EscalationProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private final EscalationProjection projection = new EscalationProjection(TestDatabase.get().dsl());
    private TenantId tenant;

    @BeforeEach
    void freshTenant() {
        tenant = TenantId.of("p-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void theQueueListsOpenEscalationsOldestFirstWithAssigneeAndSlaState() {
        EscalationId older = open(T0);
        EscalationId newer = open(T0.plusSeconds(60));
        projection.on(new EscalationAssigned(newer, tenant, "alice", null, "operator", T0.plusSeconds(70)), 1);
        projection.on(new EscalationSlaBreached(older, tenant, "task", T0.plus(Duration.ofHours(4))), 1,
                T0.plus(Duration.ofHours(4)));

        var queue = projection.handle(new FetchEscalationQueue(tenant, null, 10)).escalations();

        assertThat(queue).extracting(EscalationView::escalationId).containsExactly(older.value(), newer.value());
        assertThat(queue.get(0).slaBreached()).isTrue();
        assertThat(queue.get(1).assignee()).isEqualTo("alice");
        assertThat(queue.get(1).status()).isEqualTo(EscalationStatus.ASSIGNED);
        assertThat(projection.handle(new FetchEscalationQueue(tenant, EscalationStatus.OPEN, 10)).escalations())
                .extracting(EscalationView::escalationId).containsExactly(older.value());
    }

    @Test
    void redeliveredAndStaleEventsLeaveTheRowAsTheNewestEventMadeIt() {
        EscalationId id = open(T0);
        EscalationResolved resolved = new EscalationResolved(id, tenant, "task", Verdict.HALLUCINATION, "n", "carol",
                T0, T0.plusSeconds(90));
        projection.on(resolved, 2);
        projection.on(new EscalationAssigned(id, tenant, "alice", null, "operator", T0.plusSeconds(30)), 1);
        projection.on(resolved, 2);
        open(T0, id);

        EscalationView view = projection.handle(new FindEscalation(id)).orElseThrow();
        assertThat(view.status()).isEqualTo(EscalationStatus.RESOLVED);
        assertThat(view.verdict()).isEqualTo(Verdict.HALLUCINATION);
        assertThat(view.assignee()).isNull();
        assertThat(view.version()).isEqualTo(2);
        assertThat(view.resolvedAt()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void openCountsPerTenantLeaveOutResolvedEscalations() {
        open(T0);
        EscalationId resolved = open(T0);
        open(T0);
        projection.on(new EscalationResolved(resolved, tenant, "task", Verdict.GROUNDED, null, "carol", T0, T0), 1);

        assertThat(projection.handle(new CountOpenEscalationsPerTenant()).counts())
                .contains(new OpenEscalationCount(tenant.value(), 2));
    }

    private EscalationId open(Instant at) {
        return open(at, EscalationId.random());
    }

    private EscalationId open(Instant at, EscalationId id) {
        projection.on(new EscalationOpened(id, tenant, "task", "risk", 0.9, at.truncatedTo(ChronoUnit.MICROS),
                at.plus(Duration.ofHours(4)), "operator"), 0);
        return id;
    }
}
