package io.flk.api.hrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.HrsApi;
import io.flk.api.testing.IsolatedApplication;
import io.flk.api.testing.LabelledTasks;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;

/**
 * The scheduled retraining's run: every active tenant with enough labels in the window gets a registered candidate,
 * the others are skipped, and nothing is promoted. (Which instance runs it is db-scheduler's claim on the task row.)
 */
class HrsRetrainingTest {

    @Test
    void retrainingRegistersACandidateForEachTenantWithEnoughLabelsAndPromotesNothing() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase("flk.hrs.retraining.min-rows=300")) {
            Instant now = Instant.now();
            app.registerTenants("acme", "globex");
            EventGateway events = app.bean(EventGateway.class);
            LabelledTasks.publish(events, "acme", 400, 21, now.minus(Duration.ofDays(2)));
            LabelledTasks.publish(events, "globex", 100, 22, now.minus(Duration.ofDays(2)));
            LabelledTasks.publish(events, "globex", 400, 23, now.minus(Duration.ofDays(40)));
            HrsApi acme = new HrsApi(app::as, "acme");
            HrsApi globex = new HrsApi(app::as, "globex");
            acme.awaitTrainingSet("operator", now.minus(Duration.ofDays(30)), now, 400);
            globex.awaitTrainingSet("operator", now.minus(Duration.ofDays(60)), now, 500);

            assertThat(app.bean(HrsRetraining.class).retrainAll())
                    .as("globex has 100 labelled tasks in the last 30 days, the rest are older")
                    .containsExactly(TenantId.of("acme"));

            await().atMost(Duration.ofSeconds(60)).until(() ->
                    app.as("operator").get(acme.base() + "/versions").json().get("versions").size() == 1
                            && trainingOf(app, acme).path("status").asText().equals("COMPLETED"));
            JsonNode training = trainingOf(app, acme);
            assertThat(training.get("trigger").asText()).isEqualTo("schedule");
            assertThat(training.get("startedBy").asText()).isEqualTo("scheduler");
            assertThat(app.as("operator").get(acme.base() + "/routing").json().get("routing").hasNonNull("champion"))
                    .as("retraining never promotes").isFalse();
            assertThat(app.as("operator").get(globex.base() + "/trainings").json().get("trainings")).isEmpty();
        }
    }

    /** The tenant's one training, from its read model, which may trail the versions read model. */
    private static JsonNode trainingOf(IsolatedApplication app, HrsApi tenant) {
        return app.as("operator").get(tenant.base() + "/trainings").json().get("trainings").path(0);
    }
}
