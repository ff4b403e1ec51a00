package io.flk.benchmarks.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PostgreSQL's own counters over the window, read on a connection of its own (outside the application's pool):
 * transactions committed (all of them: commands, projections, queries), WAL records and bytes, and WAL flushes
 * ({@code pg_stat_wal.wal_sync}). Commands per WAL flush above 1 means commits share a flush (group commit).
 * The statistics collector publishes with up to ~0.5 s delay, so these figures are approximate.
 */
public final class PostgresProbe implements LoadDriver.Probe, AutoCloseable {

    private final Connection connection;
    private long[] before;

    public PostgresProbe(String jdbcUrl, String user, String password) {
        try {
            this.connection = DriverManager.getConnection(jdbcUrl, user, password);
            this.connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect the PostgreSQL probe to " + jdbcUrl, e);
        }
    }

    /** Values of server settings, e.g. fsync, synchronous_commit, commit_delay. */
    public Map<String, String> settings(String... names) {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            ResultSet version = statement.executeQuery("select version()");
            version.next();
            settings.put("server", version.getString(1).replaceAll(" on .*", ""));
            for (String name : names) {
                try (ResultSet rs = statement.executeQuery("select setting, unit from pg_settings where name = '"
                        + name.replace("'", "") + "'")) {
                    if (rs.next()) {
                        String unit = rs.getString(2);
                        settings.put(name, rs.getString(1) + (unit == null ? "" : " (" + unit + ")"));
                    } else {
                        settings.put(name, "(unknown setting)");
                    }
                }
            }
        } catch (SQLException e) {
            settings.put("error", e.getMessage());
        }
        return settings;
    }

    /**
     * Refuses a server that acknowledges commits before they are on disk: {@code fsync} must be on and
     * {@code synchronous_commit} must not be off.
     */
    public void requireDurable() {
        Map<String, String> settings = settings("fsync", "synchronous_commit");
        if (!settings.get("fsync").equals("on") || settings.get("synchronous_commit").equals("off")) {
            throw new IllegalStateException("PostgreSQL is not durable (" + settings + "); a commit benchmark "
                    + "against it would measure memory, not the event store");
        }
    }

    /** A single number from a query, for reconciling a run with what the database recorded. */
    public long count(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Probe query failed: " + sql, e);
        }
    }

    @Override
    public void windowStarted() {
        before = counters();
    }

    @Override
    public Map<String, String> windowEnded(Duration window, long successes) {
        long[] after = counters();
        Map<String, String> facts = new LinkedHashMap<>();
        if (before == null || after == null) {
            facts.put("PostgreSQL counters", "n/a");
            return facts;
        }
        double seconds = window.toNanos() / 1e9;
        long commits = after[0] - before[0];
        long rollbacks = after[1] - before[1];
        long walRecords = after[2] - before[2];
        long walBytes = after[3] - before[3];
        long walSyncs = after[4] - before[4];
        facts.put("PostgreSQL transactions committed / rolled back (all sessions, approx.)",
                String.format("%,.0f/s / %,d", commits / seconds, rollbacks));
        facts.put("WAL flushes (pg_stat_wal.wal_sync, approx.)", String.format("%,.0f/s, %.2f ok commands per flush",
                walSyncs / seconds, walSyncs == 0 ? Double.NaN : successes / (double) walSyncs));
        facts.put("WAL written per ok command (approx.)", successes == 0 ? "n/a"
                : String.format("%.1f records, %,.0f bytes", walRecords / (double) successes,
                walBytes / (double) successes));
        return facts;
    }

    private long[] counters() {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_stat_clear_snapshot()");
            long[] values = new long[5];
            try (ResultSet rs = statement.executeQuery("select xact_commit, xact_rollback from pg_stat_database "
                    + "where datname = current_database()")) {
                rs.next();
                values[0] = rs.getLong(1);
                values[1] = rs.getLong(2);
            }
            try (ResultSet rs = statement.executeQuery("select wal_records, wal_bytes, wal_sync from pg_stat_wal")) {
                rs.next();
                values[2] = rs.getLong(1);
                values[3] = rs.getLong(2);
                values[4] = rs.getLong(3);
            }
            return values;
        } catch (SQLException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a probe connection at shutdown
        }
    }
}
