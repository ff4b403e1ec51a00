package io.flk.benchmarks.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * A small JSON-over-HTTP client for load drivers: one {@link HttpClient} (HTTP/1.1, keep-alive connection pool)
 * shared by all client threads, one {@code Authorization} header on every request, a timeout on every request.
 */
public final class RestClient {

    public record Response(int status, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;
    private final String authorization;
    private final Duration timeout;

    private RestClient(int port, String authorization, Duration timeout) {
        this.base = "http://localhost:" + port;
        this.authorization = authorization;
        this.timeout = timeout;
    }

    /** HTTP Basic, e.g. the development credentials of the embedded default. */
    public static RestClient basic(int port, String user, String password, Duration timeout) {
        return new RestClient(port, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), timeout);
    }

    /** A bearer token, e.g. from {@link JwtIssuer}. */
    public static RestClient bearer(int port, String token, Duration timeout) {
        return new RestClient(port, "Bearer " + token, timeout);
    }

    public Response post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    /**
     * Sends without waiting, for open-loop drivers: the future completes with the response, or exceptionally when
     * the request failed or timed out.
     */
    public CompletableFuture<Response> postAsync(String path, String json) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + path))
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .header("Content-Type", "application/json")
                                .header("Authorization", authorization)
                                .header("Accept", "application/json")
                                .timeout(timeout)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Response(response.statusCode(), response.body()));
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request
                        .header("Authorization", authorization)
                        .header("Accept", "application/json")
                        .timeout(timeout)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
