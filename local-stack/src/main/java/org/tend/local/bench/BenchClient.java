package org.tend.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** The benchmarks' way to call the gateway as a client would: a bearer token, JSON, an Idempotency-Key on POST. */
final class BenchClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: its status, its JSON body when it succeeded, and its text. */
    record Response(int status, JsonNode body, String raw) {
        boolean ok() {
            return status / 100 == 2;
        }

        Response expectOk() {
            if (!ok()) {
                throw new IllegalStateException("refused: " + status + " " + raw);
            }
            return this;
        }
    }

    private BenchClient() {
    }

    /**
     * A programme of organisation {@code bench} with the one department {@code benchmark}, created by the
     * administrator; returns the enrolment code its creation answers with (once).
     */
    static String newProgramme(String gateway, String adminToken, String name)
            throws IOException, InterruptedException {
        return send(gateway, adminToken, "POST", "/api/programmes", java.util.Map.of("organisationId", "bench",
                "name", name, "minimumGroupSize", 5, "departments", java.util.List.of("benchmark")))
                .expectOk().body().get("enrolmentCode").asText();
    }

    static Response send(String gateway, String token, String method, String path, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token);
        if ("POST".equals(method)) {
            // As every client should: a creating POST carries an Idempotency-Key, so a retry after a timeout can
            // never create twice (and the benchmarks measure the key's cost with the rest).
            request.header("Idempotency-Key", "\"" + UUID.randomUUID() + "\"");
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (response.statusCode() / 100 == 2 && !response.body().isBlank()) {
            json = JSON.readTree(response.body());
        }
        return new Response(response.statusCode(), json, response.body());
    }
}
