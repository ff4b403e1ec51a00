package io.flk.api.hrs;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.testing.HrsApi;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.JwtApiTestSupport;
import io.flk.api.testing.LabelledTasks;
import io.flk.domain.hrs.HrsLineId;
import io.flk.domain.hrs.HrsModelEvent.PromotionRefused;
import io.flk.domain.hrs.PromotionRefusal;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Four eyes with production tokens, where one principal may hold both the operator and the approver role: such a
 * principal can request a promotion but not approve it; the attempt is refused and recorded.
 */
class HrsFourEyesJwtApiTest extends JwtApiTestSupport {

    @Autowired
    private EventGateway events;

    @Autowired
    private EventStore eventStore;

    @Test
    void aPrincipalHoldingBothRolesCannotApproveTheirOwnRequest() {
        String tenant = uniqueTenantId();
        HttpJson lead = bearer(token("lead@flk.dev", List.of("operator", "approver"), null));
        HttpJson secondApprover = bearer(token("second@flk.dev", List.of("approver"), null));
        assertThat(lead.post("/api/v1/tenants", """
                {"tenantId":"%s","displayName":"Four eyes","escalationSla":"PT2H","reviewSampleRate":0.1}"""
                .formatted(tenant)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> lead.get("/api/v1/tenants/" + tenant).status() == 200);
        Instant now = Instant.now();
        LabelledTasks.publish(events, tenant, 600, 5, now.minus(Duration.ofHours(1)));
        HrsApi hrs = new HrsApi(principal -> lead, tenant);
        hrs.awaitTrainingSet("lead", now.minus(Duration.ofDays(1)), now, 600);
        String version = hrs.trainAndAwait("lead", 42, now.minus(Duration.ofDays(1)), now);
        String requestId = hrs.requestPromotionId("lead", version, "SHADOW", null);

        assertProblem(hrs.approve("lead", requestId), 403, "self-approval", null);
        assertThat(refusals(tenant)).containsExactly(PromotionRefusal.SELF_APPROVAL);
        assertThat(new HrsApi(principal -> secondApprover, tenant).approved("second", requestId)
                .get("shadows").get(0).asText()).isEqualTo(version);
    }

    private List<PromotionRefusal> refusals(String tenant) {
        List<PromotionRefusal> refusals = new ArrayList<>();
        eventStore.readEvents(HrsLineId.of(TenantId.of(tenant)).toString()).forEachRemaining(event -> {
            if (event.getPayload() instanceof PromotionRefused refused) {
                refusals.add(refused.refusal());
            }
        });
        return refusals;
    }
}
