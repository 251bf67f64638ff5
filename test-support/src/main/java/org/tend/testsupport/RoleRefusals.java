package org.tend.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tend.security.TokenRules;

/**
 * Checks that a service, reached directly (not through the gateway), refuses its individual data to every token
 * whose roles do not entitle it: HR and admin (who see no individual's data anywhere), a token with only unknown
 * roles, and one with no role at all. Each refusal must be a 403 problem with the fixed, generic detail, so a
 * refusal tells nothing about whether the data exists.
 */
public final class RoleRefusals {

    /** The detail every role refusal of Tend carries. */
    public static final String FORBIDDEN_DETAIL = TokenRules.FORBIDDEN;

    /** One request to a service; {@code body} is JSON or null. */
    public record Call(String method, String path, String body) {
        public static Call get(String path) {
            return new Call("GET", path, null);
        }

        public static Call post(String path, String body) {
            return new Call("POST", path, body);
        }

        public static Call put(String path, String body) {
            return new Call("PUT", path, body);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** The tokens that must never read or write a participant's data. */
    public static Map<String, String> tokensWithoutAccess() {
        return Map.of(
                "hr", TestTokens.hr("hana-hr"),
                "admin", TestTokens.admin("ada-admin"),
                "hr+admin", TestTokens.valid("both-hr-admin", "hr", "admin"),
                "unknown role only", TestTokens.valid("uma-unknown", "superuser"));
    }

    /**
     * The tokens that must never read aggregates (the HR insights): participants, practitioners, a token with only
     * unknown roles, and one with none. (An HR token without an organisation is refused too, with its own detail.)
     */
    public static Map<String, String> tokensWithoutAggregateAccess() {
        return Map.of(
                "participant", TestTokens.participant("alice-participant"),
                "practitioner", TestTokens.practitioner("priya-practitioner"),
                "participant+practitioner", TestTokens.valid("both-p-p", "participant", "practitioner"),
                "unknown role only", TestTokens.valid("uma-unknown", "superuser"),
                "no role", TestTokens.valid("nora-none"));
    }

    private RoleRefusals() {
    }

    /**
     * Sends every call with every token of {@link #tokensWithoutAccess()} and fails, listing each, unless all were
     * refused with a 403 problem carrying {@link #FORBIDDEN_DETAIL} (or, for the unknown-role token, any 403).
     */
    public static void assertRefused(int port, List<Call> calls) {
        assertRefused(port, calls, tokensWithoutAccess());
    }

    /**
     * Sends every call with every given token and fails, listing each, unless all were refused with a 403 problem
     * carrying {@link #FORBIDDEN_DETAIL}.
     */
    public static void assertRefused(int port, List<Call> calls, Map<String, String> tokens) {
        HttpClient http = HttpClient.newHttpClient();
        List<String> failures = new ArrayList<>();
        for (Call call : calls) {
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + call.path()))
                        .header("Authorization", "Bearer " + token.getValue())
                        .header("Accept", "application/json, application/problem+json");
                if (call.body() == null) {
                    request.method(call.method(), HttpRequest.BodyPublishers.noBody());
                } else {
                    request.header("Content-Type", "application/json")
                            .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
                }
                try {
                    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    boolean problem = response.headers().firstValue("Content-Type").orElse("")
                            .startsWith("application/problem+json");
                    if (response.statusCode() != 403 || !problem || !response.body().contains(FORBIDDEN_DETAIL)) {
                        failures.add(call + " as " + token.getKey() + ": " + response.statusCode() + " "
                                + response.body());
                    }
                } catch (IOException e) {
                    failures.add(call + " as " + token.getKey() + ": " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> "not refused with the generic 403:\n" + String.join("\n", failures));
    }
}
