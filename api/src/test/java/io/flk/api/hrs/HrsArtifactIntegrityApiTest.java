package io.flk.api.hrs;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HrsApi;
import io.flk.api.testing.LabelledTasks;
import io.flk.api.verification.VerificationController;
import io.flk.api.verification.VerificationRequests;
import io.flk.domain.hrs.HrsLineId;
import io.flk.domain.hrs.HrsModelEvent.ModelArtifactRefused;
import io.flk.domain.hrs.HrsModelEvent.PromotionRefused;
import io.flk.domain.hrs.PromotionRefusal;
import io.flk.domain.tenant.TenantId;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A registered version is served only while its stored bytes are the ones its registration hashed and signed, and
 * only to the tenant it was trained for; every refusal is an event.
 */
class HrsArtifactIntegrityApiTest extends ApiTestSupport {

    @Autowired
    private EventGateway events;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private DSLContext database;

    @Test
    void anotherTenantsVersionCannotBePromotedAndATamperedArtifactIsRefused() {
        String owner = uniqueTenantId();
        String other = uniqueTenantId();
        ensureTenant(owner, "PT4H");
        ensureTenant(other, "PT4H");
        Instant now = Instant.now();
        LabelledTasks.publish(events, owner, 600, 11, now.minus(Duration.ofHours(1)));
        HrsApi ownerApi = new HrsApi(this::as, owner);
        HrsApi otherApi = new HrsApi(this::as, other);
        ownerApi.awaitTrainingSet(AUDITOR, now.minus(Duration.ofDays(1)), now, 600);
        String version = ownerApi.trainAndAwait(OPERATOR, 42, now.minus(Duration.ofDays(1)), now);

        assertProblem(otherApi.requestPromotion(OPERATOR, version, "CHAMPION", null), 404,
                "model-version-not-registered", "modelVersion");
        assertThat(as(AUDITOR).get(otherApi.base() + "/routing").json().get("routing").hasNonNull("champion"))
                .isFalse();
        assertThat(refusals(other)).containsExactly(PromotionRefusal.NOT_REGISTERED);
        assertProblem(ownerApi.requestPromotion(OPERATOR, version, "CHALLENGER", 0.9), 400, "invalid-field",
                "challengerShare");

        tamperWith(owner, version);

        assertProblem(as(OPERATOR).header(VerificationController.MODEL_VERSION_HEADER, version)
                        .post("/api/v1/verifications", VerificationRequests.verification(owner, "pinned",
                                VerificationRequests.GROUNDED)),
                422, "hrs-version-not-servable", VerificationController.MODEL_VERSION_HEADER);
        await().atMost(Duration.ofSeconds(10)).until(() -> lineEvents(owner).stream()
                .anyMatch(event -> event instanceof ModelArtifactRefused refused
                        && refused.modelVersion().equals(version) && refused.reason().contains("hash")));
        assertProblem(ownerApi.requestPromotion(OPERATOR, version, "CHAMPION", null), 409, "artifact-refused",
                "modelVersion");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                as(AUDITOR).get(ownerApi.base() + "/versions/" + version).json().path("refusal").asText())
                .contains("hash"));
    }

    /** What an attacker with write access to the table could do: the write-once trigger does not stop a superuser. */
    private void tamperWith(String tenant, String version) {
        database.connection(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = replica");
                int changed = statement.executeUpdate("UPDATE hrs_model_artifact SET bytes = bytes || '\\x00'::bytea"
                        + " WHERE tenant_id = '" + tenant + "' AND model_version = '" + version + "'");
                statement.execute("SET session_replication_role = DEFAULT");
                assertThat(changed).isEqualTo(1);
            }
        });
    }

    private List<Object> lineEvents(String tenant) {
        List<Object> payloads = new ArrayList<>();
        eventStore.readEvents(HrsLineId.of(TenantId.of(tenant)).toString())
                .forEachRemaining(event -> payloads.add(event.getPayload()));
        return payloads;
    }

    private List<PromotionRefusal> refusals(String tenant) {
        return lineEvents(tenant).stream().filter(PromotionRefused.class::isInstance)
                .map(event -> ((PromotionRefused) event).refusal()).toList();
    }
}
