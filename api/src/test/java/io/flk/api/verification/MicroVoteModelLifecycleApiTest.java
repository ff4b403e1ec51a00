package io.flk.api.verification;

import static io.flk.api.verification.MicroVoteTrainingRequests.HALUEVAL_TRAIN;
import static io.flk.api.verification.MicroVoteTrainingRequests.MODELS;
import static io.flk.api.verification.MicroVoteTrainingRequests.training;
import static io.flk.api.verification.VerificationRequests.GROUNDED;
import static io.flk.api.verification.VerificationRequests.verification;
import static io.flk.db.Tables.DOMAIN_EVENT_ENTRY;
import static io.flk.db.Tables.MICRO_VOTE_ARTIFACT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.IsolatedApplication;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.training.BundledModels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A model trained over HTTP from the HaluEval train split serves verifications, survives a restart, and is
 * refused at start-up if its stored bytes were changed. Each test on a database of its own, as they replace
 * the live model.
 */
@ExtendWith(OutputCaptureExtension.class)
class MicroVoteModelLifecycleApiTest {

    private static final String OPERATOR = "operator";

    @Test
    void aModelTrainedFromLabelledPairsServesTheNextVerifications() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase()) {
            String bundled = app.bean(BundledModels.class).microVote().version();
            app.registerTenants("acme");

            HttpJson.Response trained = app.as(OPERATOR).post(MODELS, training(HALUEVAL_TRAIN, 42));

            assertThat(trained.status()).as(trained.body()).isEqualTo(200);
            JsonNode event = trained.json();
            String version = event.get("modelVersion").asText();
            assertThat(version).matches("mv-[0-9a-f]{12}").isNotEqualTo(bundled);
            assertThat(event.get("rows").asInt()).isEqualTo(HALUEVAL_TRAIN.size());
            assertThat(event.get("hallucinatedRows").asInt()).isEqualTo(HALUEVAL_TRAIN.size() / 2);
            // The bundled model reaches 0.99 on HaluEval's evaluation split; 80 % of the same data is not far off.
            assertThat(event.get("holdoutAuc").asDouble()).isGreaterThan(0.95);
            assertThat(event.get("trainedBy").asText()).isEqualTo(OPERATOR);

            assertThat(microVoteVersionOf(verify(app, "t-after-training"))).isEqualTo(version);
            assertThat(taskVerifiedEventsMentioning(app, version)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> app.as("auditor").get(MODELS).json()
                    .get("trainings").size() == 1);
            JsonNode listed = app.as("auditor").get(MODELS).json();
            assertThat(listed.get("live").asText()).isEqualTo(version);
            assertThat(listed.get("trainings").get(0).get("modelVersion").asText()).isEqualTo(version);
            assertNoTrainingTextStored(app);
        }
    }

    @Test
    void theTrainedModelIsStillLiveAfterARestart() {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase()) {
            app.registerTenants("acme");
            String version = app.as(OPERATOR).post(MODELS, training(HALUEVAL_TRAIN, 42)).json()
                    .get("modelVersion").asText();

            app.restart();

            assertThat(app.as(OPERATOR).get(MODELS).json().get("live").asText()).isEqualTo(version);
            assertThat(microVoteVersionOf(verify(app, "t-after-restart"))).isEqualTo(version);
        }
    }

    @Test
    void aTamperedArtifactIsRefusedAtStartAndTheBundledModelServes(CapturedOutput output) {
        try (IsolatedApplication app = IsolatedApplication.onFreshDatabase()) {
            String bundled = app.bean(BundledModels.class).microVote().version();
            app.registerTenants("acme");
            String version = app.as(OPERATOR).post(MODELS, training(HALUEVAL_TRAIN, 42)).json()
                    .get("modelVersion").asText();
            app.stop();
            try (CloseableDSLContext database = DSL.using(app.jdbcUrl(), "postgres", "")) {
                byte[] bytes = database.select(MICRO_VOTE_ARTIFACT.ARTIFACT).from(MICRO_VOTE_ARTIFACT)
                        .where(MICRO_VOTE_ARTIFACT.MODEL_VERSION.eq(version)).fetchSingle().value1();
                bytes[bytes.length / 2] ^= 1;
                database.update(MICRO_VOTE_ARTIFACT).set(MICRO_VOTE_ARTIFACT.ARTIFACT, bytes)
                        .where(MICRO_VOTE_ARTIFACT.MODEL_VERSION.eq(version)).execute();
            }

            app.start();

            assertThat(output.getOut()).contains("micro-vote artifact " + version + " is refused: its bytes do not "
                    + "match their SHA-256").contains("Serving the bundled micro-vote model " + bundled + " instead");
            assertThat(app.as(OPERATOR).get(MODELS).json().get("live").asText()).isEqualTo(bundled);
            assertThat(microVoteVersionOf(verify(app, "t-after-tampering"))).isEqualTo(bundled);
        }
    }

    private static JsonNode verify(IsolatedApplication app, String taskId) {
        HttpJson.Response verified = app.as(OPERATOR).post("/api/v1/verifications",
                verification("acme", taskId, GROUNDED));
        assertThat(verified.status()).as(verified.body()).isIn(200, 202);
        return verified.json();
    }

    private static String microVoteVersionOf(JsonNode verification) {
        for (JsonNode vote : verification.get("votes")) {
            if (vote.get("strategy").asText().equals("micro-vote")) {
                return vote.get("modelVersion").asText();
            }
        }
        throw new AssertionError("no micro-vote in " + verification);
    }

    private static int taskVerifiedEventsMentioning(IsolatedApplication app, String text) {
        return app.dsl().fetchCount(DOMAIN_EVENT_ENTRY, DOMAIN_EVENT_ENTRY.PAYLOAD_TYPE.eq(TaskVerified.class.getName())
                .and(DSL.field("convert_from({0}, 'UTF8')", String.class, DOMAIN_EVENT_ENTRY.PAYLOAD).contains(text)));
    }

    /** Neither the event log nor the artifact holds a sentence of the training pairs. */
    private static void assertNoTrainingTextStored(IsolatedApplication app) {
        String events = String.join("\n", app.dsl().select(DSL.field("convert_from({0}, 'UTF8')", String.class,
                DOMAIN_EVENT_ENTRY.PAYLOAD)).from(DOMAIN_EVENT_ENTRY).fetch().getValues(0, String.class));
        String artifacts = String.join("\n", app.dsl().select(MICRO_VOTE_ARTIFACT.ARTIFACT).from(MICRO_VOTE_ARTIFACT)
                .fetch().map(row -> new String(row.value1(), StandardCharsets.ISO_8859_1)));
        HALUEVAL_TRAIN.stream().map(answer -> answer.input().answer()).filter(answer -> answer.length() >= 20)
                .forEach(answer -> assertThat(events + artifacts).doesNotContain(answer));
    }
}
