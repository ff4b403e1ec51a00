package io.flk.projections.simulation;

import static io.flk.db.Tables.SIMULATION_RUN;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.db.tables.records.SimulationRunRecord;
import io.flk.domain.simulation.SimulationCandidate;
import io.flk.domain.simulation.SimulationProgress;
import io.flk.domain.simulation.SimulationResult;
import io.flk.domain.simulation.SimulationRun;
import io.flk.domain.simulation.SimulationStatus;
import io.flk.projections.hrs.JsonColumn;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Simulation runs, one row each, so that any instance answers a run's status. Every call is one statement that
 * commits at once on the plain {@link DataSource}; a run's end is written only while it is still RUNNING, so a
 * late heartbeat or a second ending never overwrites how it ended.
 */
public class SimulationRunStore {

    private static final int MAX_ERROR_LENGTH = 1_000;

    private final DSLContext dsl;
    private final JsonColumn json;

    public SimulationRunStore(DataSource dataSource, ObjectMapper objectMapper) {
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
        this.json = new JsonColumn(objectMapper);
    }

    public void insert(SimulationRun run, String instanceId) {
        dsl.insertInto(SIMULATION_RUN)
                .set(SIMULATION_RUN.ID, run.id())
                .set(SIMULATION_RUN.TENANT_ID, run.tenantId())
                .set(SIMULATION_RUN.STATUS, run.status().name())
                .set(SIMULATION_RUN.REQUESTED_BY, run.requestedBy())
                .set(SIMULATION_RUN.REQUESTED_AT, utc(run.requestedAt()))
                .set(SIMULATION_RUN.RANGE_FROM, utc(run.from()))
                .set(SIMULATION_RUN.RANGE_TO, utc(run.to()))
                .set(SIMULATION_RUN.REQUEST, json.write(run.candidate()))
                .set(SIMULATION_RUN.PROGRESS, json.write(run.progress()))
                .set(SIMULATION_RUN.INSTANCE_ID, instanceId)
                .set(SIMULATION_RUN.HEARTBEAT_AT, utc(run.requestedAt()))
                .execute();
    }

    public Optional<SimulationRun> find(String id) {
        return dsl.selectFrom(SIMULATION_RUN).where(SIMULATION_RUN.ID.eq(id)).fetchOptional().map(this::run);
    }

    /**
     * Records progress and proves the run alive.
     *
     * @return whether its cancellation was requested, on any instance
     */
    public boolean heartbeat(String id, SimulationProgress progress, Instant now) {
        return dsl.update(SIMULATION_RUN)
                .set(SIMULATION_RUN.PROGRESS, json.write(progress))
                .set(SIMULATION_RUN.HEARTBEAT_AT, utc(now))
                .where(SIMULATION_RUN.ID.eq(id).and(running()))
                .returning(SIMULATION_RUN.CANCEL_REQUESTED)
                .fetchOptional(SIMULATION_RUN.CANCEL_REQUESTED)
                .orElse(false);
    }

    public void complete(String id, SimulationProgress progress, SimulationResult result, Instant now) {
        end(id, SimulationStatus.COMPLETED, progress, null, now, result);
    }

    public void cancelled(String id, SimulationProgress progress, Instant now) {
        end(id, SimulationStatus.CANCELLED, progress, null, now, null);
    }

    public void fail(String id, SimulationProgress progress, String error, Instant now) {
        end(id, SimulationStatus.FAILED, progress, error, now, null);
    }

    /** @return whether the run was still running, so that its instance will stop it */
    public boolean requestCancel(String id) {
        return dsl.update(SIMULATION_RUN).set(SIMULATION_RUN.CANCEL_REQUESTED, true)
                .where(SIMULATION_RUN.ID.eq(id).and(running()))
                .execute() == 1;
    }

    /** Ends as FAILED the runs an instance left running: it restarted, so nothing runs them any more. */
    public int failRunningOf(String instanceId, String reason, Instant now) {
        return dsl.update(SIMULATION_RUN)
                .set(SIMULATION_RUN.STATUS, SimulationStatus.FAILED.name())
                .set(SIMULATION_RUN.ERROR, reason)
                .set(SIMULATION_RUN.ENDED_AT, utc(now))
                .where(SIMULATION_RUN.INSTANCE_ID.eq(instanceId).and(running()))
                .execute();
    }

    /** Ends as FAILED a run whose instance has not reported since {@code silentSince}: it stopped for good. */
    public boolean failIfSilent(String id, Instant silentSince, String reason, Instant now) {
        return dsl.update(SIMULATION_RUN)
                .set(SIMULATION_RUN.STATUS, SimulationStatus.FAILED.name())
                .set(SIMULATION_RUN.ERROR, reason)
                .set(SIMULATION_RUN.ENDED_AT, utc(now))
                .where(SIMULATION_RUN.ID.eq(id).and(running())
                        .and(SIMULATION_RUN.HEARTBEAT_AT.lt(utc(silentSince))))
                .execute() == 1;
    }

    private void end(String id, SimulationStatus status, SimulationProgress progress, String error, Instant now,
                     SimulationResult result) {
        dsl.update(SIMULATION_RUN)
                .set(SIMULATION_RUN.STATUS, status.name())
                .set(SIMULATION_RUN.PROGRESS, json.write(progress))
                .set(SIMULATION_RUN.RESULT, result == null ? null : json.write(result))
                .set(SIMULATION_RUN.ERROR, error == null ? null
                        : error.substring(0, Math.min(error.length(), MAX_ERROR_LENGTH)))
                .set(SIMULATION_RUN.HEARTBEAT_AT, utc(now))
                .set(SIMULATION_RUN.ENDED_AT, utc(now))
                .where(SIMULATION_RUN.ID.eq(id).and(running()))
                .execute();
    }

    private SimulationRun run(SimulationRunRecord row) {
        String what = "simulation run " + row.getId();
        return new SimulationRun(row.getId(), row.getTenantId(), SimulationStatus.valueOf(row.getStatus()),
                row.getRequestedBy(), row.getRequestedAt().toInstant(), row.getRangeFrom().toInstant(),
                row.getRangeTo().toInstant(), json.read(row.getRequest(), SimulationCandidate.class, what),
                json.read(row.getProgress(), SimulationProgress.class, what), row.getCancelRequested(),
                row.getResult() == null ? null : json.read(row.getResult(), SimulationResult.class, what),
                row.getError(), row.getEndedAt() == null ? null : row.getEndedAt().toInstant());
    }

    private static Condition running() {
        return SIMULATION_RUN.STATUS.eq(SimulationStatus.RUNNING.name());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
