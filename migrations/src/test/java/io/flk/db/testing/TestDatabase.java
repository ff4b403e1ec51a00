package io.flk.db.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flk.db.embedded.EmbeddedPostgresServer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One embedded PostgreSQL per test JVM with the schema migrated by Flyway. Tests isolate their data
 * by tenant ids or by truncating the tables they own.
 */
public final class TestDatabase {

    private static volatile TestDatabase instance;

    private final EmbeddedPostgresServer server;
    private final HikariDataSource dataSource;

    private TestDatabase() {
        server = EmbeddedPostgresServer.startThrowAway();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl("postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(20);
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).load().migrate();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dataSource.close();
            server.close();
        }));
    }

    public static TestDatabase get() {
        if (instance == null) {
            synchronized (TestDatabase.class) {
                if (instance == null) {
                    instance = new TestDatabase();
                }
            }
        }
        return instance;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DSLContext dsl() {
        return DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    public String jdbcUrl() {
        return server.jdbcUrl("postgres");
    }

    public EmbeddedPostgresServer server() {
        return server;
    }

    /**
     * A new, empty database on the same server, for a test that must own everything in it (tampering with
     * the event log, restarting the application, replaying projections). Returns its JDBC URL.
     */
    public String createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database names here are lower-case identifiers: " + name);
        }
        dsl().execute("CREATE DATABASE " + name);
        return server.jdbcUrl(name);
    }
}
