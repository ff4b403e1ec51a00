package io.flk.benchmarks.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The tenant a benchmark works for: registered over REST, then awaited until the read model shows it. */
public final class BenchTenants {

    private BenchTenants() {
    }

    public static void register(RestClient rest, String tenantId, Duration escalationSla) throws Exception {
        RestClient.Response registered = rest.post("/api/v1/tenants", """
                {"tenantId":"%s","displayName":"Bench","escalationSla":"%s","reviewSampleRate":0.05}
                """.formatted(tenantId, escalationSla));
        if (registered.status() != 201) {
            throw new IllegalStateException("Could not register tenant " + tenantId + ": " + registered);
        }
        await(rest, tenantId);
    }

    /** Polls until the tenant is readable (at most 30 s): the tenant directory is a read model. */
    public static void await(RestClient rest, String tenantId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        RestClient.Response response;
        while ((response = rest.get("/api/v1/tenants/" + tenantId)).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Tenant " + tenantId + " not readable in 30 s: " + response);
            }
            Thread.sleep(50);
        }
    }
}
