package io.flk.api.hrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.hrs.HrsTrainingCommands.StartHrsTraining;
import io.flk.domain.hrs.TrainingId;
import io.flk.domain.hrs.TrainingLease;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A training whose instance stopped mid-way does not stay "running" for ever; one still running is left alone. */
class HrsTrainingRecoveryApiTest extends ApiTestSupport {

    @Autowired
    private CommandGateway commands;

    @Autowired
    private TrainingLease lease;

    @Autowired
    private HrsRetraining retraining;

    @Test
    void aTrainingWhoseInstanceStoppedIsEndedAndOneThatRunsIsNot() {
        String orphanedTenant = uniqueTenantId();
        String runningTenant = uniqueTenantId();
        ensureTenant(orphanedTenant, "PT4H");
        ensureTenant(runningTenant, "PT4H");
        TrainingId orphaned = startedWithoutAJob(orphanedTenant);
        TrainingId running = startedWithoutAJob(runningTenant);
        assertThat(lease.tryAcquire(TenantId.of(runningTenant), "another-instance/" + running.value(),
                Duration.ofHours(1), Instant.now())).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(orphanedTenant, orphaned).equals("RUNNING")
                && status(runningTenant, running).equals("RUNNING"));

        assertThat(retraining.endOrphanedTrainings()).isGreaterThanOrEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> status(orphanedTenant, orphaned).equals("FAILED"));
        assertThat(training(orphanedTenant, orphaned).get("failure").asText()).contains("interrupted");
        assertThat(training(orphanedTenant, orphaned).get("candidates").get(0).asText())
                .as("candidates are named by their API ids").isEqualTo("logistic-regression");
        assertThat(status(runningTenant, running)).isEqualTo("RUNNING");
    }

    /** What an instance records when it starts a job, as if it stopped right after. */
    private TrainingId startedWithoutAJob(String tenant) {
        TrainingId trainingId = TrainingId.random();
        Instant now = Instant.now();
        commands.sendAndWait(new StartHrsTraining(trainingId, TenantId.of(tenant), now.minus(Duration.ofDays(1)), now,
                1, List.of(HrsCandidate.LOGISTIC_REGRESSION), 100, 30, "operator", OPERATOR, now));
        return trainingId;
    }

    private String status(String tenant, TrainingId trainingId) {
        JsonNode training = training(tenant, trainingId);
        return training == null ? "" : training.get("status").asText();
    }

    private JsonNode training(String tenant, TrainingId trainingId) {
        var response = as(OPERATOR).get("/api/v1/tenants/" + tenant + "/hrs/trainings/" + trainingId.value());
        return response.status() == 200 ? response.json() : null;
    }
}
