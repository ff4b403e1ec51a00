package io.flk.commands.escalation;

import io.flk.domain.escalation.EscalationCommands.AssignEscalation;
import io.flk.domain.escalation.EscalationCommands.OpenEscalation;
import io.flk.domain.escalation.EscalationCommands.ResolveEscalation;
import io.flk.domain.escalation.EscalationEvent.EscalationAssigned;
import io.flk.domain.escalation.EscalationEvent.EscalationOpened;
import io.flk.domain.escalation.EscalationEvent.EscalationResolved;
import io.flk.domain.escalation.EscalationEvent.EscalationSlaBreached;
import io.flk.domain.escalation.EscalationId;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EscalationTest {

    private static final EscalationId ID = EscalationId.of("e-00000000-0000-0000-0000-000000000001");
    private static final TenantId ACME = TenantId.of("acme");
    private static final Instant OPENED = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant DUE = OPENED.plus(Duration.ofHours(4));
    private static final EscalationOpened OPENED_EVENT =
            new EscalationOpened(ID, ACME, "t-1", "risk above threshold", 0.91, OPENED, DUE, "operator");

    private FixtureConfiguration<Escalation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Escalation.class);
    }

    @Test
    void openingSchedulesTheSlaDeadlineAtTheTenantsSla() {
        fixture.givenNoPriorActivity()
                .when(new OpenEscalation(ID, ACME, "t-1", "risk above threshold", 0.91, Duration.ofHours(4),
                        "operator", OPENED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(OPENED_EVENT)
                .expectScheduledDeadlineWithName(DUE, Escalation.SLA_DEADLINE);
    }

    @Test
    void assigningRecordsThePreviousAssignee() {
        fixture.given(OPENED_EVENT, new EscalationAssigned(ID, ACME, "alice", null, "operator", OPENED))
                .when(new AssignEscalation(ID, "bob", null, "operator", OPENED.plusSeconds(60)))
                .expectEvents(new EscalationAssigned(ID, ACME, "bob", "alice", "operator", OPENED.plusSeconds(60)));
    }

    @Test
    void reassigningToTheSameAssigneeChangesNothing() {
        fixture.given(OPENED_EVENT, new EscalationAssigned(ID, ACME, "alice", null, "operator", OPENED))
                .when(new AssignEscalation(ID, "alice", null, "operator", OPENED.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theAssigneeResolvesAndTheSlaDeadlineIsCancelled() {
        Instant resolvedAt = OPENED.plusSeconds(600);
        fixture.given(OPENED_EVENT, new EscalationAssigned(ID, ACME, "alice", null, "operator", OPENED))
                .when(new ResolveEscalation(ID, Verdict.HALLUCINATION, "unsupported claim", "alice", false, null,
                        resolvedAt))
                .expectEvents(new EscalationResolved(ID, ACME, "t-1", Verdict.HALLUCINATION, "unsupported claim",
                        "alice", OPENED, resolvedAt))
                .expectNoScheduledDeadlines();
    }

    @Test
    void anApproverResolvesAnEscalationAssignedToSomebodyElse() {
        fixture.given(OPENED_EVENT, new EscalationAssigned(ID, ACME, "alice", null, "operator", OPENED))
                .when(new ResolveEscalation(ID, Verdict.GROUNDED, null, "carol", true, null, OPENED.plusSeconds(5)))
                .expectEvents(new EscalationResolved(ID, ACME, "t-1", Verdict.GROUNDED, null, "carol", OPENED,
                        OPENED.plusSeconds(5)));
    }

    @Test
    void cannotBeResolvedByAnyoneButTheAssigneeOrAnApprover() {
        fixture.given(OPENED_EVENT, new EscalationAssigned(ID, ACME, "alice", null, "operator", OPENED))
                .when(new ResolveEscalation(ID, Verdict.GROUNDED, null, "mallory", false, null, OPENED.plusSeconds(5)))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("only the assignee or an approver may resolve escalation " + ID)
                .expectNoEvents();
    }

    @Test
    void cannotBeResolvedTwice() {
        fixture.given(OPENED_EVENT,
                        new EscalationResolved(ID, ACME, "t-1", Verdict.GROUNDED, null, "carol", OPENED, OPENED))
                .when(new ResolveEscalation(ID, Verdict.HALLUCINATION, null, "carol", true, null, OPENED.plusSeconds(9)))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void cannotAssignAResolvedEscalation() {
        fixture.given(OPENED_EVENT,
                        new EscalationResolved(ID, ACME, "t-1", Verdict.GROUNDED, null, "carol", OPENED, OPENED))
                .when(new AssignEscalation(ID, "bob", null, "operator", OPENED.plusSeconds(9)))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anEscalationLeftOpenPastItsSlaIsRecordedAsBreached() {
        fixture.givenCurrentTime(OPENED)
                .andGivenCommands(new OpenEscalation(ID, ACME, "t-1", "risk above threshold", 0.91,
                        Duration.ofHours(4), "operator", OPENED))
                .whenTimeElapses(Duration.ofHours(5))
                .expectTriggeredDeadlinesWithName(Escalation.SLA_DEADLINE)
                .expectEvents(new EscalationSlaBreached(ID, ACME, "t-1", DUE));
    }

    @Test
    void anEscalationResolvedWithinItsSlaIsNeverBreached() {
        fixture.givenCurrentTime(OPENED)
                .andGivenCommands(
                        new OpenEscalation(ID, ACME, "t-1", "risk above threshold", 0.91, Duration.ofHours(4),
                                "operator", OPENED),
                        new ResolveEscalation(ID, Verdict.GROUNDED, null, "carol", true, null, OPENED.plusSeconds(60)))
                .whenTimeElapses(Duration.ofHours(5))
                .expectNoEvents();
    }
}
