package org.tend.local.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One person's HTTP client for the gateway, as a well-behaved application would be: every request carries their bearer
 * token, every POST an {@code Idempotency-Key} (kept across its retries, so a retry never does a thing twice), and
 * what the platform answers with "try again" (429 with {@code Retry-After}, 409: the same request still in flight or
 * another changing the same aggregate, nothing written; 502–504, a dropped connection) is tried again after a pause.
 */
final class GatewayClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> TRANSIENT = Set.of(408, 409, 425, 429, 502, 503, 504);
    private static final int ATTEMPTS = 12;

    /** An answer: status and JSON body (null when there is none). */
    record Answer(int status, JsonNode body, String raw) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return status + " " + (raw.length() > 500 ? raw.substring(0, 500) + "…" : raw);
        }
    }

    /** The platform refused a request the seeder needed. */
    static final class Refused extends IllegalStateException {
        Refused(String request, Answer answer) {
            super(request + " answered " + answer);
        }
    }

    private final HttpClient http;
    private final String gatewayUrl;
    private final Supplier<String> token;

    GatewayClient(HttpClient http, String gatewayUrl, Supplier<String> token) {
        this.http = http;
        this.gatewayUrl = gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl;
        this.token = token;
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Answer get(String path) {
        return send("GET " + path, () -> request(path).GET());
    }

    Answer post(String path, Object body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        String key = "\"" + UUID.randomUUID() + "\"";
        return send("POST " + path, () -> request(path).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST whose answer must be a success. */
    JsonNode postOk(String path, Object body) {
        Answer answer = post(path, body);
        if (!answer.ok()) {
            throw new Refused("POST " + path, answer);
        }
        return answer.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gatewayUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token.get());
    }

    private Answer send(String what, Supplier<HttpRequest.Builder> request) {
        Answer last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.get().build(), HttpResponse.BodyHandlers.ofString());
                last = new Answer(response.statusCode(), parse(response.body()), response.body());
                if (!TRANSIENT.contains(response.statusCode())) {
                    return last;
                }
                long seconds = response.headers().firstValue("Retry-After").map(GatewayClient::seconds).orElse(1L);
                pause(Duration.ofMillis(Math.min(5000, Math.max(200, seconds * 1000))));
            } catch (IOException e) {
                last = new Answer(0, null, e.toString());
                pause(Duration.ofMillis(250L * attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during " + what, e);
            }
        }
        throw new Refused(what + " (after " + ATTEMPTS + " tries)", last);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
