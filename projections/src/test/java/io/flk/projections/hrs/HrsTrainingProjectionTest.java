package io.flk.projections.hrs;

import static io.flk.projections.hrs.HrsFixtures.AT;
import static io.flk.projections.hrs.HrsFixtures.freshTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.hrs.HrsModelQueries.FetchHrsTrainings;
import io.flk.domain.hrs.HrsModelQueries.FindHrsTraining;
import io.flk.domain.hrs.HrsModelQueries.HrsTrainingView;
import io.flk.domain.hrs.HrsModelQueries.TrainingStatus;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingCompleted;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingFailed;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingProgressed;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingStarted;
import io.flk.domain.hrs.TrainingId;
import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HrsTrainingProjectionTest {

    private static final List<HrsCandidate> CANDIDATES =
            List.of(HrsCandidate.LOGISTIC_REGRESSION, HrsCandidate.GRADIENT_BOOSTED_TREES);

    private final HrsTrainingProjection projection = new HrsTrainingProjection(TestDatabase.get().dsl());
    private final TenantId tenant = freshTenant();

    @Test
    void aTrainingShowsItsProgressAndThenTheVersionItRegistered() {
        TrainingId id = start(AT);
        HrsTrainingView started = find(id);
        assertThat(started).isEqualTo(new HrsTrainingView(id.value(), tenant.value(), TrainingStatus.RUNNING,
                AT.minusSeconds(86_400), AT, 42, CANDIDATES, 500, 120, "operator", "alice", AT, null, 0, 0, null,
                null, null, null));

        projection.on(new HrsTrainingProgressed(id, tenant, "fit", 2, 5, "logistic-regression AUC 0.88",
                AT.plusSeconds(5)));
        assertThat(find(id)).extracting(HrsTrainingView::stage, HrsTrainingView::step, HrsTrainingView::steps,
                HrsTrainingView::detail).containsExactly("fit", 2, 5, "logistic-regression AUC 0.88");

        projection.on(new HrsTrainingCompleted(id, tenant, "hrs-7", "a".repeat(64), 0.9, 9_000, AT.plusSeconds(9)));
        HrsTrainingView completed = find(id);
        assertThat(completed.status()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(completed.modelVersion()).isEqualTo("hrs-7");
        assertThat(completed.finishedAt()).isEqualTo(AT.plusSeconds(9));
        assertThat(completed.failure()).isNull();
    }

    @Test
    void aFailedTrainingKeepsItsReasonAndALateProgressEventDoesNotReviveIt() {
        TrainingId id = start(AT);
        projection.on(new HrsTrainingProgressed(id, tenant, "load", 1, 5, "500 rows", AT.plusSeconds(1)));
        projection.on(new HrsTrainingFailed(id, tenant, "12 rows hold NaN, first at event 4711", AT.plusSeconds(2)));

        projection.on(new HrsTrainingProgressed(id, tenant, "fit", 2, 5, "late", AT.plusSeconds(1)));

        HrsTrainingView failed = find(id);
        assertThat(failed.status()).isEqualTo(TrainingStatus.FAILED);
        assertThat(failed.failure()).isEqualTo("12 rows hold NaN, first at event 4711");
        assertThat(failed.finishedAt()).isEqualTo(AT.plusSeconds(2));
        assertThat(failed.stage()).isEqualTo("load");
    }

    @Test
    void anotherTenantsTrainingAnswersEmpty() {
        TrainingId id = start(AT);

        assertThat(projection.handle(new FindHrsTraining(freshTenant(), id))).isEmpty();
        assertThat(projection.handle(new FindHrsTraining(tenant, TrainingId.random()))).isEmpty();
        assertThat(projection.handle(new FetchHrsTrainings(freshTenant())).trainings()).isEmpty();
    }

    @Test
    void trainingsAreListedNewestFirstAndARedeliveredStartIsListedOnce() {
        TrainingId older = start(AT);
        TrainingId newer = start(AT.plusSeconds(3_600));
        projection.on(new HrsTrainingStarted(older, tenant, AT.minusSeconds(86_400), AT, 42, CANDIDATES, 500, 120,
                "operator", "alice", AT));

        assertThat(projection.handle(new FetchHrsTrainings(tenant)).trainings())
                .extracting(HrsTrainingView::trainingId).containsExactly(newer.value(), older.value());
    }

    private TrainingId start(Instant at) {
        TrainingId id = TrainingId.random();
        projection.on(new HrsTrainingStarted(id, tenant, AT.minusSeconds(86_400), AT, 42, CANDIDATES, 500, 120,
                "operator", "alice", at));
        return id;
    }

    private HrsTrainingView find(TrainingId id) {
        return projection.handle(new FindHrsTraining(tenant, id)).orElseThrow();
    }
}
