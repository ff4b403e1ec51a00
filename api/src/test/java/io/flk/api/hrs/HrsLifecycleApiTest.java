package io.flk.api.hrs;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HrsApi;
import io.flk.api.testing.HttpJson;
import io.flk.api.testing.LabelledTasks;
import io.flk.api.verification.VerificationRequests;
import io.flk.domain.hrs.HrsLineId;
import io.flk.domain.hrs.HrsModelEvent.HrsRoutingChanged;
import io.flk.domain.hrs.HrsModelEvent.ModelVersionRegistered;
import io.flk.domain.hrs.HrsModelEvent.PromotionApproved;
import io.flk.domain.hrs.HrsModelEvent.PromotionRequested;
import io.flk.domain.hrs.HrsModelEvent.RolledBackToLastGood;
import io.flk.domain.hrs.HrsRouting;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The "done when", over HTTP on the running application: an operator trains from labelled tasks, reads
 * the card, requests a promotion that a second principal approves, traffic follows the routing (challenger share
 * and shadows included), and a rollback restores the previous champion; the model line's events tell it all.
 */
class HrsLifecycleApiTest extends ApiTestSupport {

    private static final int LABELLED_TASKS = 3000;

    @Autowired
    private EventGateway events;

    @Autowired
    private EventStore eventStore;

    @Test
    void trainedVersionIsPromotedByASecondPrincipalRoutedAndRolledBack() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        assertThat(as(OPERATOR).put("/api/v1/tenants/" + tenant + "/ensemble-policy", VerificationRequests.HRS_ONLY_POLICY)
                .status()).isEqualTo(201);
        Instant now = Instant.now();
        LabelledTasks.publish(events, tenant, LABELLED_TASKS, 7, now.minus(Duration.ofHours(2)));
        HrsApi hrs = new HrsApi(this::as, tenant);

        hrs.awaitTrainingSet(AUDITOR, now.minus(Duration.ofDays(1)), now, LABELLED_TASKS);

        String first = hrs.trainAndAwait(OPERATOR, 42, now.minus(Duration.ofDays(1)), now);
        String second = hrs.trainAndAwait(OPERATOR, 43, now.minus(Duration.ofDays(1)), now);
        assertThat(second).as("another seed splits the rows differently").isNotEqualTo(first);

        JsonNode card = as(AUDITOR).get(hrs.base() + "/versions/" + first + "/card").json();
        assertThat(card.at("/offlineMetrics/rocAuc").asDouble()).isGreaterThanOrEqualTo(0.85);
        assertThat(card.at("/eligibility/eligible").asBoolean()).as(card.toString()).isTrue();
        HttpJson.Response page = as(AUDITOR).header("Accept", "text/html").get(hrs.base() + "/versions/" + first
                + "/card");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body().split("<svg", -1)).hasSize(4);

        String championRequest = hrs.requestPromotionId(OPERATOR, first, "CHAMPION", null);
        assertProblem(hrs.approve(OPERATOR, championRequest), 403, "forbidden", null);
        assertThat(hrs.approved(APPROVER, championRequest).get("champion").asText()).isEqualTo(first);
        assertThat(hrs.scoredBy(OPERATOR, "after-promotion")).isEqualTo(first);

        hrs.approved(APPROVER, hrs.requestPromotionId(OPERATOR, second, "CHALLENGER", 0.3));
        HrsRouting expected = new HrsRouting(first, second, 0.3, List.of());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String taskId = "split-" + i;
            String scoredBy = hrs.scoredBy(OPERATOR, taskId);
            assertThat(scoredBy).as(taskId).isEqualTo(expected.decidingVersion(TenantId.of(tenant), taskId));
            seen.add(scoredBy);
        }
        assertThat(seen).containsExactlyInAnyOrder(first, second);

        hrs.approved(APPROVER, hrs.requestPromotionId(OPERATOR, second, "CHAMPION", null));
        assertThat(hrs.scoredBy(OPERATOR, "second-champion")).isEqualTo(second);
        HttpJson.Response rollback = as(OPERATOR).post(hrs.base() + "/rollback",
                "{\"reason\":\"online containment dropped\"}");
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
        assertThat(rollback.json().at("/routing/champion").asText()).isEqualTo(first);
        assertThat(hrs.scoredBy(OPERATOR, "after-rollback")).isEqualTo(first);

        hrs.approved(APPROVER, hrs.requestPromotionId(OPERATOR, second, "SHADOW", null));
        for (int i = 0; i < 5; i++) {
            assertThat(hrs.scoredBy(OPERATOR, "shadowed-" + i)).isEqualTo(first);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> shadowed(hrs, second) >= 5);

        assertThat(modelLineEvents(tenant)).containsSubsequence(ModelVersionRegistered.class,
                ModelVersionRegistered.class, PromotionRequested.class, PromotionApproved.class,
                HrsRoutingChanged.class, PromotionRequested.class, PromotionApproved.class, HrsRoutingChanged.class,
                PromotionRequested.class, PromotionApproved.class, HrsRoutingChanged.class,
                RolledBackToLastGood.class, HrsRoutingChanged.class, PromotionRequested.class,
                PromotionApproved.class, HrsRoutingChanged.class);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode routing = as(AUDITOR).get(hrs.base() + "/routing").json();
            assertThat(routing.at("/routing/champion").asText()).isEqualTo(first);
            assertThat(routing.at("/routing/shadows/0").asText()).isEqualTo(second);
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                as(AUDITOR).get(hrs.base() + "/promotions").json().get("requests")).hasSize(4).allSatisfy(request -> {
                    assertThat(request.get("status").asText()).isEqualTo("APPROVED");
                    assertThat(request.get("requestedBy").asText()).isEqualTo(OPERATOR);
                    assertThat(request.get("decidedBy").asText()).isEqualTo(APPROVER);
                }));
    }

    private long shadowed(HrsApi hrs, String version) {
        for (JsonNode performance : as(AUDITOR).get(hrs.base() + "/online-performance").json().get("versions")) {
            if (performance.get("modelVersion").asText().equals(version)) {
                return performance.get("shadowed").asLong();
            }
        }
        return 0;
    }

    private List<Class<?>> modelLineEvents(String tenant) {
        List<Class<?>> types = new ArrayList<>();
        eventStore.readEvents(HrsLineId.of(TenantId.of(tenant)).toString())
                .forEachRemaining(event -> types.add(event.getPayloadType()));
        return types;
    }
}
