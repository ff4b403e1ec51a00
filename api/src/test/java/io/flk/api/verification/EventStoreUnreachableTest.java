package io.flk.api.verification;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.verification.VerificationRequests.GROUNDED;
import static io.flk.api.verification.VerificationRequests.ragOnlyPolicy;
import static io.flk.api.verification.VerificationRequests.verification;
import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.IsolatedApplication;
import io.flk.db.testing.TestDatabase;
import java.time.Duration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** No answer without a durable record: with the event store gone, verification fails closed with 503. */
class EventStoreUnreachableTest {

    @Test
    void withTheDatabaseGoneAVerificationAnswers503AndTheRetryRecordsIt() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase("flk.verification.record-timeout=3s",
                "spring.datasource.hikari.connection-timeout=1000")) {
            app.registerTenants("acme");
            app.as(ApiTestSupport.OPERATOR).put("/api/v1/tenants/acme/ensemble-policy", ragOnlyPolicy(0));
            assertThat(app.as(ApiTestSupport.OPERATOR).post("/api/v1/verifications",
                    verification("acme", "warm-up", GROUNDED)).status()).isEqualTo(200);
            String database = app.jdbcUrl().substring(app.jdbcUrl().lastIndexOf('/') + 1).split("\\?")[0];
            DSLContext admin = TestDatabase.get().dsl();

            admin.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?", database);
            try {
                assertProblem(app.as(ApiTestSupport.OPERATOR).post("/api/v1/verifications",
                        verification("acme", "during-outage", GROUNDED)), 503, "store-unavailable", null);
            } finally {
                admin.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> app.as(ApiTestSupport.OPERATOR)
                    .post("/api/v1/verifications", verification("acme", "during-outage", GROUNDED)).status() == 200);
            assertThat(app.dsl().fetchCount(DOMAIN_EVENT_ENTRY,
                    DOMAIN_EVENT_ENTRY.AGGREGATE_IDENTIFIER.eq("task:acme:during-outage"))).isEqualTo(1);
        }
    }
}
