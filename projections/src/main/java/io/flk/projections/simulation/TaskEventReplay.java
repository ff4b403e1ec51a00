package io.flk.projections.simulation;

import io.flk.domain.simulation.SimulationProgress;
import io.flk.domain.simulation.SimulationProgress.Phase;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.TaskEvent.EnsembleDisagreed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.postgresql.PGStatement;

/**
 * Streams a tenant's recorded task events of [{@code from}, {@code to}) out of the event store with plain JDBC, in
 * bounded memory: PostgreSQL hands rows out {@code fetchSize} at a time through a cursor (autocommit off, binary
 * results), and every pass runs in one repeatable-read transaction, so the labels read first belong to the same
 * snapshot as the decisions read after them.
 *
 * <ol>
 *   <li>Labels ({@code TaskLabelled}) of the range's tasks, recorded from {@code from} until now, since labels lag
 *       their decisions by hours or days: the first label of each task, with its review cost.</li>
 *   <li>Disagreements ({@code EnsembleDisagreed}), recorded with their decisions.</li>
 *   <li>Decisions ({@code TaskVerified}) in time order, each joined with its label and disagreement and handed to
 *       the sink by a {@link DecisionHandoff}, which parses on a second thread while this one fetches.</li>
 * </ol>
 *
 * Only labelled or disagreeing tasks are held in memory ({@link TaskLabelIndex}, at most {@code maxLabelledTasks});
 * decisions are never held beyond a few batches. The range is over the time the event store recorded (to the
 * millisecond, as Axon writes {@code time_stamp}), which the hot path takes within milliseconds of
 * {@code verifiedAt}. The index of migration V61 serves every query here: one tenant's events of one type, in time
 * order; counting and disagreements are read from the index alone.
 */
public class TaskEventReplay {

    private static final String DISAGREED = EnsembleDisagreed.class.getName();
    private static final String TASK_AGGREGATE = "VerifiedTask";
    private static final String TENANT_TASKS = "type = '" + TASK_AGGREGATE + "'"
            + " AND split_part(aggregate_identifier, ':', 2) = ? AND payload_type = ?";
    private static final String IN_RANGE = " AND time_stamp COLLATE \"C\" >= ? AND time_stamp COLLATE \"C\" < ?";
    static final String DECISIONS = "SELECT aggregate_identifier, payload_revision, payload FROM domain_event_entry"
            + " WHERE " + TENANT_TASKS + IN_RANGE + " ORDER BY time_stamp COLLATE \"C\"";
    static final String DISAGREEMENTS = "SELECT aggregate_identifier FROM domain_event_entry"
            + " WHERE " + TENANT_TASKS + IN_RANGE;
    /** Labels from the range's start on, of tasks decided in the range (a probe of the aggregate's own rows). */
    static final String LABELS = "SELECT label.aggregate_identifier, label.payload_revision, label.payload"
            + " FROM domain_event_entry label WHERE " + TENANT_TASKS + " AND time_stamp COLLATE \"C\" >= ?"
            + " AND EXISTS (SELECT 1 FROM domain_event_entry decision"
            + " WHERE decision.aggregate_identifier = label.aggregate_identifier AND decision.payload_type = ?"
            + " AND decision.time_stamp COLLATE \"C\" >= ? AND decision.time_stamp COLLATE \"C\" < ?)"
            + " ORDER BY time_stamp COLLATE \"C\"";
    private static final String COUNT = "SELECT count(*) FROM domain_event_entry WHERE " + TENANT_TASKS + IN_RANGE;
    private static final String ANY = "SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE " + TENANT_TASKS
            + IN_RANGE + ")";
    private static final int PROGRESS_EVERY_ROWS = 4_096;

    /** @param fetchSize rows per round trip; {@code maxLabelledTasks}: see {@link TaskLabelIndex} */
    public record Settings(int fetchSize, int maxLabelledTasks) {
    }

    /** What a replay read. */
    public record ReplayStats(long eventsRead, long tasksRead, long labelledTasks, long disagreeingTasks) {
    }

    private final DataSource dataSource;
    private final Settings settings;

    public TaskEventReplay(DataSource dataSource, Settings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** Whether the tenant recorded any decision in the range: one index probe. */
    public boolean hasTasks(TenantId tenantId, Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ANY)) {
            bindRange(statement, tenantId, TaskEventPayloads.TASK_VERIFIED, from, to);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not look for recorded tasks: " + failed.getMessage(), failed);
        }
    }

    public ReplayStats replay(TenantId tenantId, Instant from, Instant to, ReplayControl control,
                              RecordedTaskSink sink) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return new Pass(connection, tenantId, from, to, control).run(sink);
            } finally {
                connection.rollback();
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read the recorded tasks: " + failed.getMessage(), failed);
        }
    }

    private void bindRange(PreparedStatement statement, TenantId tenantId, String payloadType, Instant from,
                           Instant to) throws SQLException {
        statement.setString(1, tenantId.value());
        statement.setString(2, payloadType);
        statement.setString(3, DateTimeUtils.formatInstant(from));
        statement.setString(4, DateTimeUtils.formatInstant(to));
    }

    /** One replay on one connection. */
    private final class Pass {

        private final Connection connection;
        private final TenantId tenantId;
        private final Instant from;
        private final Instant to;
        private final ReplayControl control;
        private final TaskLabelIndex labels = new TaskLabelIndex(settings.maxLabelledTasks());
        private final TaskEventPayloads labelPayloads = new TaskEventPayloads();
        private Phase phase = Phase.COUNTING;
        private Long estimatedTasks;
        private DecisionHandoff handoff;
        private long eventsRead;
        private long disagreeing;

        Pass(Connection connection, TenantId tenantId, Instant from, Instant to, ReplayControl control) {
            this.connection = connection;
            this.tenantId = tenantId;
            this.from = from;
            this.to = to;
            this.control = control;
        }

        ReplayStats run(RecordedTaskSink sink) throws SQLException {
            try {
                report();
                estimatedTasks = count();
                enter(Phase.LABELS);
                readLabels();
                readDisagreements();
                sink.labelsRead(labels.labels(), labels.reviewCostUsd());
                enter(Phase.DECISIONS);
                readDecisions(sink);
                enter(Phase.DONE);
                return new ReplayStats(eventsRead, tasksRead(), labels.labels(), disagreeing);
            } catch (ReplayCancelled cancelled) {
                report();
                throw cancelled;
            }
        }

        private long count() throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(COUNT)) {
                bindRange(statement, tenantId, TaskEventPayloads.TASK_VERIFIED, from, to);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        }

        private void readLabels() throws SQLException {
            try (PreparedStatement statement = streaming(LABELS)) {
                statement.setString(1, tenantId.value());
                statement.setString(2, TaskEventPayloads.TASK_LABELLED);
                statement.setString(3, DateTimeUtils.formatInstant(from));
                statement.setString(4, TaskEventPayloads.TASK_VERIFIED);
                statement.setString(5, DateTimeUtils.formatInstant(from));
                statement.setString(6, DateTimeUtils.formatInstant(to));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        row();
                        TaskEventPayloads.requireKnownRevision(TaskEventPayloads.TASK_LABELLED, rows.getString(2));
                        labelPayloads.label(rows.getBytes(3), rows.getString(1), labels);
                    }
                }
            }
        }

        private void readDisagreements() throws SQLException {
            try (PreparedStatement statement = streaming(DISAGREEMENTS)) {
                bindRange(statement, tenantId, DISAGREED, from, to);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        row();
                        labels.disagreed(rows.getString(1));
                        disagreeing++;
                    }
                }
            }
        }

        private void readDecisions(RecordedTaskSink sink) throws SQLException {
            try (PreparedStatement statement = streaming(DECISIONS);
                 DecisionHandoff replaying = new DecisionHandoff(sink, control)) {
                handoff = replaying;
                bindRange(statement, tenantId, TaskEventPayloads.TASK_VERIFIED, from, to);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        row();
                        TaskEventPayloads.requireKnownRevision(TaskEventPayloads.TASK_VERIFIED, rows.getString(2));
                        int slot = labels.find(rows.getString(1));
                        replaying.add(rows.getBytes(3), labels.disagreedAt(slot), labels.labelAt(slot));
                    }
                }
                replaying.finish();
            }
        }

        private PreparedStatement streaming(String sql) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(settings.fetchSize());
            if (statement.isWrapperFor(PGStatement.class)) {
                // Binary results from the first execution: payloads arrive as raw bytes, not as hex text to decode.
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
            }
            return statement;
        }

        private void row() {
            if (control.cancelRequested()) {
                throw new ReplayCancelled();
            }
            if (++eventsRead % PROGRESS_EVERY_ROWS == 0) {
                report();
            }
        }

        private void enter(Phase next) {
            phase = next;
            report();
        }

        private void report() {
            control.progress(SimulationProgress.of(phase, eventsRead, tasksRead(), estimatedTasks));
        }

        /** Decisions replayed (parsed and handed to the sink), not merely fetched. */
        private long tasksRead() {
            return handoff == null ? 0 : handoff.replayed();
        }
    }
}
