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
}
