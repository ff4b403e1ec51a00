package io.flk.projections.hrs;

import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;
import static io.flk.projections.hrs.HrsFixtures.AT;
import static io.flk.projections.hrs.HrsFixtures.freshTenant;
import static io.flk.projections.hrs.HrsFixtures.labelled;
import static io.flk.projections.hrs.HrsFixtures.verified;
import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.hrs.HrsTrainingSet.WindowStats;
import io.flk.domain.hrs.TrainingRow;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HrsTrainingSetProjectionTest {

    private static final Instant FROM = AT.minusSeconds(3_600);
    private static final Instant TO = AT.plusSeconds(3_600);

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final HrsTrainingSetProjection projection = new HrsTrainingSetProjection(dsl);
    private TenantId tenant;

    @BeforeEach
    void freshTenantForEachTest() {
        tenant = freshTenant();
    }

    @Test
    void trainingRowsReferenceTheEventsTheyWereBuiltFrom() {
        verify("t-1", AT, Map.of("logprobMean", -0.4, "support", 0.8), 101);
        label("t-1", Verdict.HALLUCINATION, 205);

        assertThat(projection.rows(tenant, FROM, TO)).containsExactly(
                new TrainingRow(101, 205, "t-1", AT, Map.of("logprobMean", -0.4, "support", 0.8), true));
    }

    @Test
    void onlyLabelledRowsComeBackOrderedByTheVerifiedEventIndex() {
        verify("late", AT, Map.of("f", 3.0), 30);
        verify("early", AT.plusSeconds(60), Map.of("f", 1.0), 10);
        verify("unlabelled", AT, Map.of("f", 2.0), 20);
        label("late", Verdict.GROUNDED, 40);
        label("early", Verdict.HALLUCINATION, 41);

        assertThat(projection.rows(tenant, FROM, TO)).extracting(TrainingRow::taskId).containsExactly("early", "late");
        assertThat(projection.stats(tenant, FROM, TO)).isEqualTo(new WindowStats(2, 1, 0, null));
    }

    @Test
    void aLabelDeliveredTwiceIsStoredOnce() {
        verify("t-1", AT, Map.of("f", 1.0), 10);
        label("t-1", Verdict.HALLUCINATION, 11);
        label("t-1", Verdict.HALLUCINATION, 11);

        assertThat(projection.stats(tenant, FROM, TO)).isEqualTo(new WindowStats(1, 1, 0, null));
        assertThat(projection.rows(tenant, FROM, TO)).singleElement()
                .extracting(TrainingRow::labelEventIndex).isEqualTo(11L);
    }

    @Test
    void aLaterLabelReplacesAnEarlierOneWhichCannotComeBackOnRedelivery() {
        verify("t-1", AT, Map.of("f", 1.0), 10);
        label("t-1", Verdict.HALLUCINATION, 11);
        label("t-1", Verdict.GROUNDED, 12);
        label("t-1", Verdict.HALLUCINATION, 11);

        assertThat(projection.rows(tenant, FROM, TO)).singleElement().satisfies(row -> {
            assertThat(row.hallucinated()).isFalse();
            assertThat(row.labelEventIndex()).isEqualTo(12);
        });
    }

    @Test
    void anUnsureVerdictIsNoExampleToLearnFrom() {
        verify("t-1", AT, Map.of("f", 1.0), 10);
        label("t-1", Verdict.HALLUCINATION, 11);
        label("t-1", Verdict.UNSURE, 12);

        assertThat(projection.rows(tenant, FROM, TO)).isEmpty();
        assertThat(projection.stats(tenant, FROM, TO)).isEqualTo(new WindowStats(0, 0, 0, null));
    }

    @Test
    void rowsWithNaNOrInfiniteFeaturesAreCountedWithTheFirstOnesIndex() {
        verify("finite", AT, Map.of("a", 1.0, "b", 2.0), 5);
        verify("infinite", AT, Map.of("a", Double.NEGATIVE_INFINITY, "b", 2.0), 9);
        verify("nan", AT, Map.of("a", 1.0, "b", Double.NaN), 7);
        verify("nan-unlabelled", AT, Map.of("a", Double.NaN), 6);
        for (String task : List.of("finite", "infinite", "nan")) {
            label(task, Verdict.GROUNDED, 100 + task.length());
        }

        assertThat(projection.stats(tenant, FROM, TO)).isEqualTo(new WindowStats(3, 0, 2, 7L));
        assertThat(projection.rows(tenant, FROM, TO)).filteredOn(row -> row.taskId().equals("nan")).singleElement()
                .satisfies(row -> assertThat(row.features().get("b")).isNaN());
        assertThat(projection.rows(tenant, FROM, TO)).filteredOn(row -> row.taskId().equals("infinite"))
                .singleElement().satisfies(row -> assertThat(row.features().get("a")).isNegative().isInfinite());
    }

    @Test
    void theWindowHoldsItsStartButNotItsEnd() {
        verify("before", FROM.minusMillis(1), Map.of("f", 1.0), 1);
        verify("at-start", FROM, Map.of("f", 1.0), 2);
        verify("before-end", TO.minusMillis(1), Map.of("f", 1.0), 3);
        verify("at-end", TO, Map.of("f", 1.0), 4);
        for (String task : List.of("before", "at-start", "before-end", "at-end")) {
            label(task, Verdict.HALLUCINATION, 10 + task.length());
        }

        assertThat(projection.rows(tenant, FROM, TO)).extracting(TrainingRow::taskId)
                .containsExactly("at-start", "before-end");
        assertThat(projection.stats(tenant, FROM, TO).rows()).isEqualTo(2);
    }

    @Test
    void anotherTenantsRowsAreNotInTheSet() {
        verify("t-1", AT, Map.of("f", 1.0), 10);
        label("t-1", Verdict.GROUNDED, 11);

        assertThat(projection.rows(freshTenant(), FROM, TO)).isEmpty();
    }

    @Test
    void aHundredThousandRowsComeBackFromOneQueryInEventOrder() {
        int count = 100_000;
        // Written by SQL: a hundred thousand handler calls would test the loop, not the read.
        dsl.execute("""
                insert into hrs_training_row (tenant_id, task_id, verified_event_index, verified_at, feature_names,
                    feature_values, hallucinated, label_event_index, labelled_at)
                select ?, 't-' || i, %d - i, ?::timestamptz, array['a', 'b'], array[i, -i]::float8[], i %% 3 = 0,
                    %d + i, ?::timestamptz
                from generate_series(1, %d) as i
                """.formatted(count + 1, count, count), tenant.value(), AT.toString(), AT.toString());

        long started = System.nanoTime();
        List<TrainingRow> rows = projection.rows(tenant, FROM, TO);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(rows).hasSize(count);
        assertThat(rows.get(0)).isEqualTo(new TrainingRow(1, 2 * count, "t-" + count, AT,
                Map.of("a", (double) count, "b", (double) -count), false));
        assertThat(rows).extracting(TrainingRow::verifiedEventIndex).isSorted();
        assertThat(projection.stats(tenant, FROM, TO)).isEqualTo(new WindowStats(count, count / 3, 0, null));
        System.out.printf("read %d training rows in %d ms%n", count, millis);
    }

    /**
     * Two events committed after a later one was read: the gap-aware token they arrive with stays at that later index,
     * and the rows must hold their own.
     */
    @Test
    void eventsThatFillAGapInTheLogKeepTheirOwnIndexesNotTheTokens() {
        TaskVerified task = verified(tenant, "t-late", AT, Map.of("f", 1.0));
        TaskLabelled labelled = labelled(tenant, "t-late", Verdict.HALLUCINATION, AT.plusSeconds(60));
        EventMessage<TaskVerified> verifiedMessage = GenericEventMessage.asEventMessage(task);
        EventMessage<TaskLabelled> labelledMessage = GenericEventMessage.asEventMessage(labelled);
        long verifiedIndex = storeInLog(verifiedMessage);
        long labelIndex = storeInLog(labelledMessage);
        long laterIndex = labelIndex + 5;
        GapAwareTrackingToken afterTheLaterOne = GapAwareTrackingToken.newInstance(laterIndex,
                List.of(verifiedIndex, labelIndex));

        projection.on(task, verifiedMessage, afterTheLaterOne.advanceTo(verifiedIndex, 10_000));
        projection.on(labelled, labelledMessage, afterTheLaterOne.advanceTo(labelIndex, 10_000));

        assertThat(afterTheLaterOne.advanceTo(verifiedIndex, 10_000).position()).hasValue(laterIndex);
        assertThat(projection.rows(tenant, FROM, TO)).singleElement().satisfies(row -> {
            assertThat(row.verifiedEventIndex()).isEqualTo(verifiedIndex);
            assertThat(row.labelEventIndex()).isEqualTo(labelIndex);
        });
    }

    /** The row Axon's JDBC engine writes for an event, with the index the log's sequence gives it. */
    private long storeInLog(EventMessage<?> message) {
        return dsl.insertInto(DOMAIN_EVENT_ENTRY)
                .set(DOMAIN_EVENT_ENTRY.AGGREGATE_IDENTIFIER, message.getIdentifier())
                .set(DOMAIN_EVENT_ENTRY.SEQUENCE_NUMBER, 0L)
                .set(DOMAIN_EVENT_ENTRY.EVENT_IDENTIFIER, message.getIdentifier())
                .set(DOMAIN_EVENT_ENTRY.PAYLOAD, new byte[0])
                .set(DOMAIN_EVENT_ENTRY.PAYLOAD_TYPE, message.getPayloadType().getName())
                .set(DOMAIN_EVENT_ENTRY.TIME_STAMP, message.getTimestamp().toString())
                .returning(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX)
                .fetchSingle(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX);
    }

    /** Events the log does not hold, as on Axon Server, whose tokens are exact. */
    private void verify(String taskId, Instant at, Map<String, Double> features, long index) {
        TaskVerified task = verified(tenant, taskId, at, features);
        projection.on(task, GenericEventMessage.asEventMessage(task), new GlobalSequenceTrackingToken(index));
    }

    private void label(String taskId, Verdict verdict, long index) {
        TaskLabelled label = labelled(tenant, taskId, verdict, AT.plusSeconds(index));
        projection.on(label, GenericEventMessage.asEventMessage(label), new GlobalSequenceTrackingToken(index));
    }
}
