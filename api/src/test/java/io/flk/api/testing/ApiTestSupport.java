package io.flk.api.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.api.ControlPlaneApplication;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port against the JVM's embedded PostgreSQL, reached over real HTTP.
 * Every subclass shares one Spring context. Tests isolate their data by tenant and escalation ids.
 */
@SpringBootTest(classes = ControlPlaneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestSupport {

    public static final String OPERATOR = "operator";
    public static final String APPROVER = "approver";
    public static final String AUDITOR = "auditor";
    public static final String TENANT_ACME = "tenant-acme";
    public static final String TENANT_GLOBEX = "tenant-globex";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) {
        TestProperties.registerSharedDatabaseAndCommon(registry);
    }

    /** A client that authenticates as a development user (password derived from the user name). */
    protected HttpJson as(String user) {
        return HttpJson.basic(port, user, passwordOf(user));
    }

    protected HttpJson anonymous() {
        return HttpJson.anonymous(port);
    }

    public static String passwordOf(String user) {
        return user.startsWith("tenant-") ? "tenant-dev" : user + "-dev";
    }

    /** Registers a tenant (ignoring "already registered") and waits until the read model shows it. */
    protected void ensureTenant(String tenantId, String sla) {
        as(OPERATOR).post("/api/v1/tenants", """
                {"tenantId":"%s","displayName":"%s","escalationSla":"%s","reviewSampleRate":0.05}
                """.formatted(tenantId, tenantId, sla));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> as(OPERATOR).get("/api/v1/tenants/" + tenantId).status() == 200);
    }

    protected static String uniqueTenantId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Opens an escalation as operator and waits until the queue shows it; returns its id. */
    protected String openEscalation(String tenantId, String taskId) {
        HttpJson.Response opened = as(OPERATOR).post("/api/v1/escalations", """
                {"tenantId":"%s","taskId":"%s","reason":"risk above threshold","risk":0.9}
                """.formatted(tenantId, taskId));
        if (opened.status() != 201) {
            throw new AssertionError("could not open an escalation: " + opened);
        }
        String id = opened.json().get("escalationId").asText();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> as(OPERATOR).get("/api/v1/escalations/" + id).status() == 200);
        return id;
    }

    protected JsonNode escalation(String id) {
        return as(OPERATOR).get("/api/v1/escalations/" + id).json();
    }
}
