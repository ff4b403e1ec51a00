package io.flk.api.simulation;

import static io.flk.api.simulation.SimulationRequests.body;
import static io.flk.api.simulation.SimulationRequests.policy;
import static io.flk.api.simulation.SimulationRequests.record;
import static io.flk.api.simulation.SimulationRequests.rules;
import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.db.Tables.SIMULATION_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.SecondInstance;
import io.flk.db.testing.TestDatabase;
import io.flk.domain.simulation.RecordedTask;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.Decision;
import io.flk.projections.simulation.RecordedTaskSink;
import io.flk.projections.simulation.ReplayControl;
import io.flk.projections.simulation.TaskEventReplay;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * A run caught in the middle: the replay is held after its first decision (the real reader, with a pause in the
 * sink), so that progress, cancellation and the concurrency limit are observed while it runs. One run at a time.
 */
@Import({SimulationCancelApiTest.PausingReplayConfiguration.class, SecondInstance.class})
@TestPropertySource(properties = "flk.simulations.max-concurrent=1")
class SimulationCancelApiTest extends ApiTestSupport {

    private static final String POLICY = policy(rules(0.5, 0.5), rules(0.5, 0.5));

    @Autowired
    private EventStore events;

    @Autowired
    private PausingReplay replay;

    private String tenant;
    private Instant from;

    @BeforeEach
    void fiveRecordedTasks() {
        tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        from = Instant.now().minusSeconds(1);
        for (int i = 0; i < 5; i++) {
            record(events, tenant, "t" + i, 0.9, 0.9, Decision.PASS, null, 0);
        }
        replay.hold();
    }

    @AfterEach
    void letGo() {
        replay.release();
    }

    @Test
    void aRunningSimulationReportsItsProgressAndStopsBetweenTwoRowsWhenCancelled() throws Exception {
        String id = start().json().get("id").asText();
        replay.awaitHeld();

        JsonNode running = as(AUDITOR).get("/api/v1/simulations/" + id).json();
        assertThat(running.get("status").asText()).isEqualTo("RUNNING");
        assertThat(running.get("progress").get("phase").asText()).isEqualTo("DECISIONS");
        assertThat(running.get("progress").get("estimatedTasks").asLong()).isEqualTo(5);

        HttpJson.Response cancelling = as(OPERATOR).delete("/api/v1/simulations/" + id);
        assertThat(cancelling.status()).isEqualTo(202);
        assertThat(cancelling.json().get("cancelRequested").asBoolean()).isTrue();
        replay.release();

        JsonNode ended = awaitEnd(id);
        assertThat(ended.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(ended.get("progress").get("tasksRead").asLong()).isEqualTo(1);
        assertThat(ended.has("result")).isFalse();
        assertThat(ended.has("endedAt")).isTrue();
    }

    @Test
    void aRunBeyondTheConcurrencyLimitIsRefusedAndNothingIsStored() throws Exception {
        String first = start().json().get("id").asText();
        replay.awaitHeld();

        assertProblem(start(), 503, "simulations-busy", null);
        assertThat(TestDatabase.get().dsl().fetchCount(SIMULATION_RUN, SIMULATION_RUN.TENANT_ID.eq(tenant)))
                .isEqualTo(1);

        replay.release();
        assertThat(awaitEnd(first).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(start().status()).isEqualTo(202);
    }

    private HttpJson.Response start() {
        long recordedMillis = Instant.now().toEpochMilli();
        await().pollInterval(Duration.ofMillis(1)).until(() -> Instant.now().toEpochMilli() > recordedMillis);
        return as(OPERATOR).post("/api/v1/simulations", body(tenant, from, Instant.now(), POLICY));
    }

    private JsonNode awaitEnd(String id) {
        JsonNode[] run = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            run[0] = as(OPERATOR).get("/api/v1/simulations/" + id).json();
            return !"RUNNING".equals(run[0].get("status").asText());
        });
        return run[0];
    }

    @TestConfiguration
    static class PausingReplayConfiguration {

        @Bean
        @Primary
        PausingReplay pausingReplay(DataSource dataSource) {
            return new PausingReplay(dataSource);
        }
    }

    /** The application's reader, held after the first decision it hands out while {@link #hold()} is in force. */
    static class PausingReplay extends TaskEventReplay {

        private volatile CountDownLatch held = new CountDownLatch(0);
        private volatile CountDownLatch released = new CountDownLatch(0);

        PausingReplay(DataSource dataSource) {
            super(dataSource, new Settings(1, 1_000));
        }

        void hold() {
            held = new CountDownLatch(1);
            released = new CountDownLatch(1);
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(30, TimeUnit.SECONDS)).as("the replay reached its first decision").isTrue();
        }

        void release() {
            released.countDown();
        }

        @Override
        public ReplayStats replay(TenantId tenantId, Instant from, Instant to, ReplayControl control,
                                  RecordedTaskSink sink) {
            CountDownLatch heldNow = held;
            CountDownLatch releasedNow = released;
            return super.replay(tenantId, from, to, control, new RecordedTaskSink() {
                @Override
                public void labelsRead(long labels, double reviewCostUsd) {
                    sink.labelsRead(labels, reviewCostUsd);
                }

                @Override
                public void accept(RecordedTask task) {
                    sink.accept(task);
                    if (heldNow.getCount() > 0) {
                        heldNow.countDown();
                        try {
                            releasedNow.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            });
        }
    }
}
