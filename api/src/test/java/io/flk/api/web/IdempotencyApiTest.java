package io.flk.api.web;

import static io.flk.api.testing.ApiAssertions.assertProblem;
import static io.flk.api.testing.ApiAssertions.eventsMentioning;
import static io.flk.api.testing.ApiAssertions.eventsOf;
import static io.flk.api.testing.ApiAssertions.idempotentRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flk.api.testing.ApiTestSupport;
import io.flk.api.testing.HttpJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdempotencyApiTest extends ApiTestSupport {

    private static final String REPLAYED = "Idempotent-Replayed";

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheFirstAnswerAndOpensOneEscalation() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String task = "task-" + UUID.randomUUID();
        String body = openBody(tenant, task);
        HttpJson client = as(OPERATOR).header("Idempotency-Key", "open-" + task);

        HttpJson.Response first = client.post("/api/v1/escalations", body);
        HttpJson.Response retry = client.post("/api/v1/escalations", body);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header(REPLAYED)).isEmpty();
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header(REPLAYED)).contains("true");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.json().path("escalationId").asText()).isEqualTo(first.json().path("escalationId").asText());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(eventsMentioning("EscalationOpened", task)).isEqualTo(1);
        String id = first.json().path("escalationId").asText();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> as(OPERATOR).get("/api/v1/escalations/" + id).status() == 200);
        assertThat(as(OPERATOR).get("/api/v1/escalations?tenantId=" + tenant).json().path("escalations").size())
                .isEqualTo(1);
    }

    @Test
    void aRetriedRegistrationIsReplayedInsteadOfConflicting() {
        String tenant = uniqueTenantId();
        String body = """
                {"tenantId":"%s","displayName":"Once","escalationSla":"PT4H","reviewSampleRate":0.05}"""
                .formatted(tenant);
        HttpJson client = as(OPERATOR).header("Idempotency-Key", "register-" + tenant);

        HttpJson.Response first = client.post("/api/v1/tenants", body);
        HttpJson.Response retry = client.post("/api/v1/tenants", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header(REPLAYED)).contains("true");
        assertThat(eventsOf("tenant:" + tenant)).isEqualTo(1);
    }

    @Test
    void aRetriedResolutionReturnsTheFirstAnswerRatherThanAlreadyResolved() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String id = openEscalation(tenant, "task-1");
        HttpJson approver = as(APPROVER).header("Idempotency-Key", "resolve-" + id).header("If-Match", "\"0\"");
        String path = "/api/v1/escalations/" + id + "/resolution";

        HttpJson.Response first = approver.post(path, "{\"verdict\":\"GROUNDED\"}");
        HttpJson.Response retry = approver.post(path, "{\"verdict\":\"GROUNDED\"}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.header(REPLAYED)).contains("true");
        assertThat(retry.header("ETag")).contains("\"1\"");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(eventsOf(id)).isEqualTo(2);
    }

    @Test
    void aRetriedSettingsChangeWithIfMatchIsReplayedNotPreconditionFailed() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        HttpJson client = as(OPERATOR).header("Idempotency-Key", "settings-" + tenant).header("If-Match", "\"0\"");
        String body = "{\"displayName\":\"New\",\"escalationSla\":\"PT1H\",\"reviewSampleRate\":0.3}";

        HttpJson.Response first = client.put("/api/v1/tenants/" + tenant + "/settings", body);
        HttpJson.Response retry = client.put("/api/v1/tenants/" + tenant + "/settings", body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.header(REPLAYED)).contains("true");
        assertThat(retry.header("ETag")).contains("\"1\"");
        assertThat(eventsOf("tenant:" + tenant)).isEqualTo(2);
    }

    @Test
    void keysArePerPrincipal() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String id = openEscalation(tenant, "task-1");
        String key = "assign-" + id;

        HttpJson.Response byOperator = as(OPERATOR).header("Idempotency-Key", key)
                .post("/api/v1/escalations/" + id + "/assignment", "{\"assignee\":\"alice\"}");
        HttpJson.Response byApprover = as(APPROVER).header("Idempotency-Key", key)
                .post("/api/v1/escalations/" + id + "/assignment", "{\"assignee\":\"bob\"}");

        assertThat(byOperator.status()).isEqualTo(200);
        assertThat(byApprover.status()).as(byApprover.toString()).isEqualTo(200);
        assertThat(byApprover.header(REPLAYED)).isEmpty();
        assertThat(byApprover.header("ETag")).contains("\"2\"");
        assertThat(eventsOf(id)).isEqualTo(3);
        assertThat(idempotentRequests(OPERATOR, key)).isEqualTo(1);
        assertThat(idempotentRequests(APPROVER, key)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> escalation(id).path("assignee").asText().equals("bob"));
    }

    @Test
    void theSameBodyFromAnotherPrincipalIsAppliedForThatPrincipal() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String id = openEscalation(tenant, "task-1");
        String key = "shared-" + id;

        HttpJson.Response first = as(OPERATOR).header("Idempotency-Key", key)
                .post("/api/v1/escalations/" + id + "/resolution", "{\"verdict\":\"GROUNDED\"}");
        HttpJson.Response other = as(APPROVER).header("Idempotency-Key", key)
                .post("/api/v1/escalations/" + id + "/resolution", "{\"verdict\":\"GROUNDED\"}");

        assertProblem(first, 409, "not-the-assignee", null);
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
        assertThat(other.header(REPLAYED)).isEmpty();
        assertThat(eventsOf(id)).isEqualTo(2);
    }

    @Test
    void aRefusedRequestIsNotRememberedSoItsRetryRunsOnceTheCauseIsFixed() {
        String tenant = uniqueTenantId();
        String task = "task-" + UUID.randomUUID();
        String key = "late-tenant-" + task;
        HttpJson client = as(OPERATOR).header("Idempotency-Key", key);

        HttpJson.Response refused = client.post("/api/v1/escalations", openBody(tenant, task));
        assertProblem(refused, 422, "unknown-tenant", "tenantId");
        assertThat(idempotentRequests(OPERATOR, key)).isZero();

        ensureTenant(tenant, "PT4H");
        HttpJson.Response retry = client.post("/api/v1/escalations", openBody(tenant, task));

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header(REPLAYED)).isEmpty();
        assertThat(idempotentRequests(OPERATOR, key)).isEqualTo(1);
        assertThat(eventsMentioning("EscalationOpened", task)).isEqualTo(1);
    }

    @Test
    void withoutAKeyEveryRequestIsApplied() {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String task = "task-" + UUID.randomUUID();

        HttpJson.Response first = as(OPERATOR).post("/api/v1/escalations", openBody(tenant, task));
        HttpJson.Response second = as(OPERATOR).post("/api/v1/escalations", openBody(tenant, task));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().path("escalationId").asText())
                .isNotEqualTo(first.json().path("escalationId").asText());
        assertThat(eventsMentioning("EscalationOpened", task)).isEqualTo(2);
    }

    @Test
    void concurrentRetriesWithOneKeyOpenOneEscalation() throws Exception {
        String tenant = uniqueTenantId();
        ensureTenant(tenant, "PT4H");
        String task = "task-" + UUID.randomUUID();
        HttpJson client = as(OPERATOR).header("Idempotency-Key", "race-" + task);
        int attempts = 6;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpJson.Response>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                sent.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return client.post("/api/v1/escalations", openBody(tenant, task));
                }, pool));
            }
            start.countDown();
            List<HttpJson.Response> answers = new ArrayList<>();
            for (CompletableFuture<HttpJson.Response> future : sent) {
                answers.add(future.get(30, TimeUnit.SECONDS));
            }

            List<HttpJson.Response> applied = answers.stream()
                    .filter(answer -> answer.status() == 201 && answer.header(REPLAYED).isEmpty()).toList();
            assertThat(applied).as("answers that ran the command: %s", answers).hasSize(1);
            String id = applied.get(0).json().path("escalationId").asText();
            for (HttpJson.Response answer : answers) {
                if (answer.status() == 201) {
                    assertThat(answer.json().path("escalationId").asText()).isEqualTo(id);
                } else {
                    assertProblem(answer, 409, "request-in-progress", "Idempotency-Key");
                }
            }
            assertThat(eventsMentioning("EscalationOpened", task)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyOnAReadIsIgnored() {
        String key = "read-" + UUID.randomUUID();

        HttpJson.Response read = as(OPERATOR).header("Idempotency-Key", key).get("/api/v1/tenants");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header(REPLAYED)).isEmpty();
        assertThat(idempotentRequests(OPERATOR, key)).isZero();
    }

    private static String openBody(String tenant, String task) {
        return """
                {"tenantId":"%s","taskId":"%s","reason":"risk above threshold","risk":0.9}""".formatted(tenant, task);
    }
}
