package io.flk.api.infrastructure;

import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;
import static io.flk.db.Tables.SCHEDULED_TASKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.cost.CostScheduling;
import io.flk.api.hrs.HrsConfiguration;
import io.flk.api.testing.IsolatedApplication;
import io.flk.domain.escalation.EscalationEvent.EscalationSlaBreached;
import java.time.Duration;
import org.jooq.CloseableDSLContext;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Deadlines live in PostgreSQL (db-scheduler), so a restart does not lose a pending SLA deadline. */
class DeadlineSurvivesRestartTest {

    @Test
    void anSlaDeadlinePendingAtShutdownFiresAfterTheRestart() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase()) {
            app.as("operator").post("/api/v1/tenants", """
                    {"tenantId":"acme","displayName":"Acme","escalationSla":"PT8S","reviewSampleRate":0.05}
                    """);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> app.as("operator").get("/api/v1/tenants/acme").status() == 200);
            var opened = app.as("operator").post("/api/v1/escalations", """
                    {"tenantId":"acme","taskId":"t-restart","reason":"risk above threshold","risk":0.8}
                    """);
            assertThat(opened.status()).isEqualTo(201);
            String escalationId = opened.json().get("escalationId").asText();

            app.stop();
            try (CloseableDSLContext database = DSL.using(app.jdbcUrl(), "postgres", "")) {
                assertThat(deadlines(database)).as("the deadline is stored, not held in memory")
                        .isEqualTo(1);
                assertThat(slaBreaches(database, escalationId)).as("not fired before the shutdown").isZero();
            }

            app.start();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> app.as("operator").get("/api/v1/escalations/" + escalationId).json()
                            .path("slaBreached").asBoolean());
            assertThat(slaBreaches(app.dsl(), escalationId)).isEqualTo(1);
            assertThat(deadlines(app.dsl())).isZero();
        }
    }

    /** Deadline rows only: the recurring cost and HRS jobs keep their own rows in the same table. */
    private static int deadlines(DSLContext dsl) {
        return dsl.fetchCount(SCHEDULED_TASKS, SCHEDULED_TASKS.TASK_NAME.notIn(CostScheduling.RECONCILIATION_TASK,
                CostScheduling.BUDGET_MONITOR_TASK, HrsConfiguration.RETRAINING_TASK,
                HrsConfiguration.ORPHANED_TRAININGS_TASK));
    }

    private static int slaBreaches(DSLContext dsl, String escalationId) {
        return dsl.fetchCount(DOMAIN_EVENT_ENTRY, DOMAIN_EVENT_ENTRY.AGGREGATE_IDENTIFIER.eq(escalationId)
                .and(DOMAIN_EVENT_ENTRY.PAYLOAD_TYPE.eq(EscalationSlaBreached.class.getName())));
    }
}
