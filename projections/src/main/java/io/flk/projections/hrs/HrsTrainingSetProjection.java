package io.flk.projections.hrs;

import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;
import static io.flk.db.Tables.HRS_TRAINING_ROW;
import static org.jooq.impl.DSL.arrayOverlap;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.min;

import io.flk.domain.hrs.HrsTrainingSet;
import io.flk.domain.hrs.TrainingRow;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The labelled, PI-safe training set of the HRS: each verified task's features, and its human verdict once
 * given. Each row keeps the global indexes of the events it was built from, so that a model's data can be
 * rebuilt from the event log and checked against the digest in its registration.
 */
@Component
@ProcessingGroup(HrsTrainingSetProjection.GROUP)
public class HrsTrainingSetProjection implements HrsTrainingSet {

    public static final String GROUP = "hrs-training-set";

    /** Found by array overlap: unlike Java's {@code ==}, PostgreSQL's float8 equality holds for NaN = NaN. */
    private static final Double[] NOT_FINITE = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    private final DSLContext dsl;

    public HrsTrainingSetProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(TaskVerified task, EventMessage<?> message, TrackingToken token) {
        // Sorted, so that a replay writes the same arrays whatever order the event's map iterates in.
        TreeMap<String, Double> features = new TreeMap<>(task.features());
        String[] names = features.keySet().toArray(String[]::new);
        Double[] values = features.values().toArray(Double[]::new);
        long index = globalIndex(message, token);
        dsl.insertInto(HRS_TRAINING_ROW)
                .set(HRS_TRAINING_ROW.TENANT_ID, task.tenantId().value())
                .set(HRS_TRAINING_ROW.TASK_ID, task.taskId())
                .set(HRS_TRAINING_ROW.VERIFIED_EVENT_INDEX, index)
                .set(HRS_TRAINING_ROW.VERIFIED_AT, task.verifiedAt().atOffset(ZoneOffset.UTC))
                .set(HRS_TRAINING_ROW.FEATURE_NAMES, names)
                .set(HRS_TRAINING_ROW.FEATURE_VALUES, values)
                .onConflict(HRS_TRAINING_ROW.TENANT_ID, HRS_TRAINING_ROW.TASK_ID)
                .doUpdate()
                .set(HRS_TRAINING_ROW.VERIFIED_EVENT_INDEX, index)
                .set(HRS_TRAINING_ROW.VERIFIED_AT, task.verifiedAt().atOffset(ZoneOffset.UTC))
                .set(HRS_TRAINING_ROW.FEATURE_NAMES, names)
                .set(HRS_TRAINING_ROW.FEATURE_VALUES, values)
                .execute();
    }

    /** A later label replaces an earlier one; a redelivered earlier label does not undo a later one. */
    @EventHandler
    void on(TaskLabelled label, EventMessage<?> message, TrackingToken token) {
        long index = globalIndex(message, token);
        dsl.update(HRS_TRAINING_ROW)
                .set(HRS_TRAINING_ROW.HALLUCINATED, Labels.hallucinated(label.verdict()))
                .set(HRS_TRAINING_ROW.LABEL_EVENT_INDEX, index)
                .set(HRS_TRAINING_ROW.LABELLED_AT, label.at().atOffset(ZoneOffset.UTC))
                .where(HRS_TRAINING_ROW.TENANT_ID.eq(label.tenantId().value())
                        .and(HRS_TRAINING_ROW.TASK_ID.eq(label.taskId()))
                        .and(HRS_TRAINING_ROW.LABEL_EVENT_INDEX.isNull()
                                .or(HRS_TRAINING_ROW.LABEL_EVENT_INDEX.le(index))))
                .execute();
    }

    @Override
    public WindowStats stats(TenantId tenantId, Instant from, Instant to) {
        Condition notFinite = arrayOverlap(HRS_TRAINING_ROW.FEATURE_VALUES, NOT_FINITE);
        var stats = dsl.select(count(), count().filterWhere(HRS_TRAINING_ROW.HALLUCINATED.isTrue()),
                        count().filterWhere(notFinite),
                        min(HRS_TRAINING_ROW.VERIFIED_EVENT_INDEX).filterWhere(notFinite))
                .from(HRS_TRAINING_ROW)
                .where(labelledIn(tenantId, from, to))
                .fetchSingle();
        return new WindowStats(stats.value1(), stats.value2(), stats.value3(), stats.value4());
    }

    @Override
    public List<TrainingRow> rows(TenantId tenantId, Instant from, Instant to) {
        return dsl.select(HRS_TRAINING_ROW.VERIFIED_EVENT_INDEX, HRS_TRAINING_ROW.LABEL_EVENT_INDEX,
                        HRS_TRAINING_ROW.TASK_ID, HRS_TRAINING_ROW.VERIFIED_AT, HRS_TRAINING_ROW.FEATURE_NAMES,
                        HRS_TRAINING_ROW.FEATURE_VALUES, HRS_TRAINING_ROW.HALLUCINATED)
                .from(HRS_TRAINING_ROW)
                .where(labelledIn(tenantId, from, to))
                .orderBy(HRS_TRAINING_ROW.VERIFIED_EVENT_INDEX)
                .fetch(row -> new TrainingRow(row.value1(), row.value2(), row.value3(), row.value4().toInstant(),
                        features(row.value5(), row.value6()), row.value7()));
    }

    @ResetHandler
    void reset() {
        dsl.truncate(HRS_TRAINING_ROW).execute();
    }

    private static Condition labelledIn(TenantId tenantId, Instant from, Instant to) {
        return HRS_TRAINING_ROW.TENANT_ID.eq(tenantId.value())
                .and(HRS_TRAINING_ROW.VERIFIED_AT.ge(from.atOffset(ZoneOffset.UTC)))
                .and(HRS_TRAINING_ROW.VERIFIED_AT.lt(to.atOffset(ZoneOffset.UTC)))
                .and(HRS_TRAINING_ROW.HALLUCINATED.isNotNull());
    }

    private static Map<String, Double> features(String[] names, Double[] values) {
        Map<String, Double> features = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            features.put(names[i], values[i]);
        }
        return features;
    }

    /**
     * The event's place in the global event log. The JDBC store's gap-aware token is not it for an event that fills a
     * gap, one whose transaction committed after a later index was read: the token's index stays at the highest one
     * read. So the index is read from the log by the event's id. An event that is not in that table is stored on Axon
     * Server, whose tokens are exact: their position is the event's.
     */
    private long globalIndex(EventMessage<?> message, TrackingToken token) {
        return dsl.select(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX).from(DOMAIN_EVENT_ENTRY)
                .where(DOMAIN_EVENT_ENTRY.EVENT_IDENTIFIER.eq(message.getIdentifier()))
                .fetchOptional(DOMAIN_EVENT_ENTRY.GLOBAL_INDEX)
                .orElseGet(() -> token.position().orElseThrow(() -> new IllegalStateException(
                        "the training set references events by their global index, but event "
                                + message.getIdentifier() + " is not in the log and token " + token + " has none")));
    }
}
