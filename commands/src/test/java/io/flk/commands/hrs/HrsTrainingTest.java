package io.flk.commands.hrs;

import static io.flk.commands.DomainErrors.invalid;
import static io.flk.commands.DomainErrors.violation;

import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.hrs.HrsTrainingCommands.CompleteHrsTraining;
import io.flk.domain.hrs.HrsTrainingCommands.FailHrsTraining;
import io.flk.domain.hrs.HrsTrainingCommands.RecordHrsTrainingProgress;
import io.flk.domain.hrs.HrsTrainingCommands.StartHrsTraining;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingCompleted;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingFailed;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingProgressed;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingStarted;
import io.flk.domain.hrs.TrainingId;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HrsTrainingTest {

    private static final TrainingId TRAINING = TrainingId.of("tr-00000000-0000-0000-0000-000000000001");
    private static final TenantId ACME = TenantId.of("acme");
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant FROM = T0.minus(Duration.ofDays(30));
    private static final List<HrsCandidate> CANDIDATES =
            List.of(HrsCandidate.LOGISTIC_REGRESSION, HrsCandidate.GRADIENT_BOOSTED_TREES);
    private static final HrsTrainingStarted STARTED = new HrsTrainingStarted(TRAINING, ACME, FROM, T0, 42, CANDIDATES,
            1200, 180, "operator", "alice", T0);
    private static final HrsTrainingCompleted COMPLETED =
            new HrsTrainingCompleted(TRAINING, ACME, "2026-11-27.1", "a".repeat(64), 0.91, 8400, T0.plusSeconds(9));

    private FixtureConfiguration<HrsTraining> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(HrsTraining.class);
    }

    @Test
    void startingRecordsTheWindowSeedCandidatesAndWhoStartedIt() {
        fixture.givenNoPriorActivity()
                .when(new StartHrsTraining(TRAINING, ACME, FROM, T0, 42, CANDIDATES, 1200, 180, "operator", "alice",
                        T0))
                .expectEvents(STARTED);
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new StartHrsTraining(TRAINING, ACME, T0, FROM, 42, CANDIDATES, 1200, 180, "operator", "alice",
                        T0))
                .expectException(invalid("windowTo"))
                .expectNoEvents();
    }

    @Test
    void aTrainingWithoutCandidatesIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new StartHrsTraining(TRAINING, ACME, FROM, T0, 42, List.of(), 1200, 180, "operator", "alice",
                        T0))
                .expectException(invalid("candidates"))
                .expectNoEvents();
    }

    @Test
    void aRunningTrainingRecordsItsProgressForItsTenant() {
        fixture.given(STARTED)
                .when(new RecordHrsTrainingProgress(TRAINING, "fit", 2, 5, "logistic-regression: validation AUC 0.89",
                        T0.plusSeconds(3)))
                .expectEvents(new HrsTrainingProgressed(TRAINING, ACME, "fit", 2, 5,
                        "logistic-regression: validation AUC 0.89", T0.plusSeconds(3)));
    }

    @Test
    void completingRecordsTheRegisteredVersion() {
        fixture.given(STARTED)
                .when(new CompleteHrsTraining(TRAINING, "2026-11-27.1", "a".repeat(64), 0.91, 8400, T0.plusSeconds(9)))
                .expectEvents(COMPLETED);
    }

    @Test
    void failingRecordsTheReason() {
        fixture.given(STARTED)
                .when(new FailHrsTraining(TRAINING, "only one class labelled in the window", T0.plusSeconds(1)))
                .expectEvents(new HrsTrainingFailed(TRAINING, ACME, "only one class labelled in the window",
                        T0.plusSeconds(1)));
    }

    @Test
    void aFinishedTrainingRecordsNoMoreProgress() {
        fixture.given(STARTED, COMPLETED)
                .when(new RecordHrsTrainingProgress(TRAINING, "fit", 3, 5, "late", T0.plusSeconds(10)))
                .expectException(violation("training-finished"))
                .expectNoEvents();
    }

    @Test
    void aCompletedTrainingCannotAlsoFail() {
        fixture.given(STARTED, COMPLETED)
                .when(new FailHrsTraining(TRAINING, "timeout", T0.plusSeconds(10)))
                .expectException(violation("training-finished"))
                .expectNoEvents();
    }

    @Test
    void aFailedTrainingCannotComplete() {
        fixture.given(STARTED, new HrsTrainingFailed(TRAINING, ACME, "timeout", T0.plusSeconds(1)))
                .when(new CompleteHrsTraining(TRAINING, "2026-11-27.1", "a".repeat(64), 0.91, 8400, T0.plusSeconds(9)))
                .expectException(violation("training-finished"))
                .expectNoEvents();
    }
}
