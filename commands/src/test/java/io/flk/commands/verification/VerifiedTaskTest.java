package io.flk.commands.verification;

import io.flk.domain.escalation.EscalationId;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.LabelSource;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskCommands.LabelTaskFromEscalation;
import io.flk.domain.verification.TaskCommands.ReviewTask;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.TaskRef;
import io.flk.domain.verification.Vote;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifiedTaskTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TaskRef TASK = TaskRef.of(ACME, "t-1");
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    private FixtureConfiguration<VerifiedTask> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(VerifiedTask.class);
    }

    @Test
    void aReviewLabelsAPassedTask() {
        fixture.given(verified(Decision.PASS, null))
                .when(new ReviewTask(TASK, Verdict.HALLUCINATION, "alice", 0.5, AT.plusSeconds(60)))
                .expectEvents(new TaskLabelled(ACME, "t-1", Verdict.HALLUCINATION, LabelSource.REVIEW, null, "alice",
                        0.5, AT.plusSeconds(60)));
    }

    @Test
    void cannotReviewAnEscalatedTaskOutsideItsEscalation() {
        fixture.given(verified(Decision.ESCALATED, TASK.escalationId()))
                .when(new ReviewTask(TASK, Verdict.GROUNDED, "alice", 0.5, AT))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void cannotReviewATaskTwice() {
        fixture.given(verified(Decision.PASS, null),
                        new TaskLabelled(ACME, "t-1", Verdict.GROUNDED, LabelSource.REVIEW, null, "alice", 0.5, AT))
                .when(new ReviewTask(TASK, Verdict.HALLUCINATION, "bob", 0.5, AT))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("task t-1 is already labelled")
                .expectNoEvents();
    }

    @Test
    void resolvingTheTasksEscalationLabelsItOnce() {
        EscalationId escalation = TASK.escalationId();
        TaskLabelled label = new TaskLabelled(ACME, "t-1", Verdict.HALLUCINATION, LabelSource.ESCALATION, escalation,
                "carol", 0.5, AT);
        fixture.given(verified(Decision.ESCALATED, escalation))
                .when(new LabelTaskFromEscalation(TASK, escalation, Verdict.HALLUCINATION, "carol", 0.5, AT))
                .expectEvents(label);
        fixture.given(verified(Decision.ESCALATED, escalation), label)
                .when(new LabelTaskFromEscalation(TASK, escalation, Verdict.HALLUCINATION, "carol", 0.5, AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anotherEscalationCannotLabelTheTask() {
        fixture.given(verified(Decision.ESCALATED, TASK.escalationId()))
                .when(new LabelTaskFromEscalation(TASK, EscalationId.random(), Verdict.GROUNDED, "carol", 0.5, AT))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }

    static TaskVerified verified(Decision decision, EscalationId escalationId) {
        StrategyVerdict hrs = new StrategyVerdict(StrategyName.HRS, 0.7, Vote.GROUNDED, 120, 0.0001, false, false,
                "hrs-1");
        return new TaskVerified(ACME, "t-1", "gpt-4o", 1, false, decision, 0.3, List.of(hrs),
                Map.of("hrs", "hrs-1"), Map.of("tokenOverlap", 0.8), 0.002, 0.0001, escalationId, 900, AT, null, Map.of());
    }
}
