package org.tend.plumbing.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.tend.testsupport.EmbeddedMongo;
import org.tend.testsupport.RawHttp;
import org.tend.testsupport.TestJwtConfiguration;
import org.tend.testsupport.TestTokens;

/**
 * What the plumbing does with requests no service should have to think about: bodies over the limit, request lines
 * the container refuses, query strings that cannot be decoded, control characters in free text. Every answer is a
 * problem. Sent over a raw socket: ordinary clients refuse to send most of these.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tend.messaging.topic=tend.sample.events",
        "tend.messaging.source=/tend/sample-service",
        "tend.messaging.dead-letter-topic=tend.sample.dead-letters"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = EmbeddedMongo.class)
@Import(TestJwtConfiguration.class)
@DirtiesContext
class RequestTrustTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int LIMIT = 64 * 1024;

    @LocalServerPort
    int port;

    // ---- 413: bodies over 64 KiB

    @Test
    void aBodyOfExactlyTheLimitIsAcceptedWithOrWithoutContentLength() {
        assertThat(post(padded(LIMIT), false).status()).isEqualTo(201);
        assertThat(post(padded(LIMIT), true).status()).isEqualTo(201);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413WhateverItsFraming() {
        assertProblem(post(padded(LIMIT + 1), false), 413, "body", "max-size");
        // No Content-Length to go by: the bytes are counted as they arrive.
        assertProblem(post(padded(LIMIT + 1), true), 413, "body", "max-size");
        assertProblem(post(padded(10 * LIMIT), true), 413, "body", "max-size");
    }

    /** The answer comes while the client has sent none of the 100 MiB it announced: nothing was waited for. */
    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsRead() {
        RawHttp.Reply reply = RawHttp.send(port, "POST", "/api/counters", Map.of(
                "Authorization", TestTokens.bearer(TestTokens.participant("alice")),
                "Content-Type", "application/json", "Content-Length", String.valueOf(100 * 1024 * 1024)));
        assertProblem(reply, 413, "body", "max-size");
        assertThat(reply.header("connection")).isEqualTo("close");
    }

    // ---- 400: what the container refuses, and query strings it cannot decode

    @ParameterizedTest
    @ValueSource(strings = {"/api/counters?participantId[$ne]=x", "/api/counters?x[]=1", "/api/coun%ZZters",
            "/api/counters/%2Fetc", "/api/counters;jsessionid=1", "/api/counters//x"})
    void aRequestLineTheContainerRefusesIsAProblem(String target) {
        for (String method : new String[] {"GET", "POST"}) {
            RawHttp.Reply reply = RawHttp.send(port, method, target, Map.of(
                    "Authorization", TestTokens.bearer(TestTokens.participant("alice")), "Accept", "text/html"));
            assertProblem(reply, 400, null, null);
            assertThat(JSON(reply).get("type").asText()).isEqualTo("/problems/malformed-request");
            assertThat(reply.body()).doesNotContain("$ne", "[]", "%ZZ", "Tomcat", "<html");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/counters?min=%ZZ", "/api/counters?min=%2", "/api/counters?min=%C3%28"})
    void aQueryStringThatCannotBeDecodedIsAProblemNamingTheQuery(String target) {
        RawHttp.Reply reply = RawHttp.send(port, "GET", target,
                Map.of("Authorization", TestTokens.bearer(TestTokens.participant("alice"))));
        assertProblem(reply, 400, "query", "malformed-encoding");
        assertThat(RawHttp.send(port, "GET", "/api/counters?min=3",
                Map.of("Authorization", TestTokens.bearer(TestTokens.participant("alice")))).body())
                .isEqualTo("{\"min\":3}");
    }

    @Test
    void anUnknownPathIsStillAProblem() {
        RawHttp.Reply reply = RawHttp.send(port, "GET", "/nothing-here", Map.of());
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    // ---- 422: control characters in free text

    @Test
    void controlCharactersInFreeTextAre422NamingTheField() {
        assertProblem(post("{\"start\": 1, \"memo\": \"ring\\u0007\"}"), 422, "memo", "control-characters");
        assertProblem(post("{\"start\": 1, \"memo\": \"line\\u001b[2J\"}"), 422, "memo", "control-characters");
        assertProblem(post("{\"start\": 1, \"memo\": \"lone\\rreturn\"}"), 422, "memo", "control-characters");
        assertProblem(post("{\"start\": 1, \"memo\": \"c1\\u0085\"}"), 422, "memo", "control-characters");
        assertProblem(post("{\"start\": 1, \"labels\": {\"k\": \"two\\nlines\"}}"), 422, "labels.k",
                "control-characters");
        assertProblem(post("{\"start\": 1, \"labels\": {\"k\": \"a\\u2028b\"}}"), 422, "labels.k",
                "control-characters");
        assertProblem(post("{\"start\": 1, \"tags\": [\"ok\", \"tab\\there\"]}"), 422, "tags[1]",
                "control-characters");
    }

    @Test
    void multiLineTextKeepsLineFeedsTabsAndCrLf() {
        assertThat(post("{\"start\": 1, \"memo\": \"one\\ntwo\\r\\n\\tthree\", \"labels\": {\"k\": \"plain text\"},"
                + " \"tags\": [\"ok\"]}").status()).isEqualTo(201);
    }

    /** Other Bean Validation failures keep their 400; with both kinds, 400 lists every violation. */
    @Test
    void aControlCharacterBesideAnotherViolationIs400ListingBoth() {
        RawHttp.Reply reply = post("{\"start\": 11, \"memo\": \"bell\\u0007\"}");
        assertProblem(reply, 400, "start", "range");
        assertProblem(reply, 400, "memo", "control-characters");
    }

    // ---- helpers

    RawHttp.Reply post(String json) {
        return RawHttp.send(port, "POST", "/api/counters", headers(), json.getBytes(StandardCharsets.UTF_8), false);
    }

    RawHttp.Reply post(byte[] body, boolean chunked) {
        return RawHttp.send(port, "POST", "/api/counters", headers(), body, chunked);
    }

    static Map<String, String> headers() {
        return Map.of("Authorization", TestTokens.bearer(TestTokens.participant("alice")),
                "Content-Type", "application/json");
    }

    /** A valid request of exactly {@code size} bytes: JSON, then spaces. */
    static byte[] padded(int size) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) ' ');
        byte[] json = "{\"start\": 1}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(json, 0, body, 0, json.length);
        return body;
    }

    static JsonNode JSON(RawHttp.Reply reply) {
        try {
            return JSON.readTree(reply.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + reply.body(), e);
        }
    }

    static void assertProblem(RawHttp.Reply reply, int status, String field, String rule) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode body = JSON(reply);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asText()).startsWith("/problems/");
        assertThat(body.get("title").asText()).isNotBlank();
        if (field != null) {
            assertThat(body.get("errors")).as(body.toString()).anySatisfy(e -> {
                assertThat(e.get("field").asText()).isEqualTo(field);
                assertThat(e.get("rule").asText()).isEqualTo(rule);
            });
        }
    }
}
