package io.flk.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.embedded.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresServerTest {

    @Test
    void theEmbeddedDefaultIsDurableAndKeepsItsDataAcrossRestarts() throws Exception {
        Path directory = Files.createTempDirectory("flk-durable-");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(directory, 0)) {
            var dsl = DSL.using(first.superuserDataSource(), org.jooq.SQLDialect.POSTGRES);
            assertThat(dsl.fetchValue("show fsync")).isEqualTo("on");
            assertThat(dsl.fetchValue("show synchronous_commit")).isEqualTo("on");
            dsl.execute("create table kept (id int)");
            dsl.execute("insert into kept values (7)");
        }
        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(directory, 0)) {
            var dsl = DSL.using(second.superuserDataSource(), org.jooq.SQLDialect.POSTGRES);
            assertThat(((Number) dsl.fetchValue("select id from kept")).intValue()).isEqualTo(7);
        }
    }
}
