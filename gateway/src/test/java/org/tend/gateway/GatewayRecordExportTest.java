package org.tend.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.testsupport.TestTokens.bearer;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tend.gateway.support.UpstreamStub;
import org.tend.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway puts a participant's record together from each service's part, with the caller's own token, in a fixed
 * order, and never hands out a record with a part missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GatewayRecordExportTest {

    static final String PART = """
            {"resourceType": "Bundle", "type": "collection", "entry": [
              {"fullUrl": "urn:uuid:%s", "resource": {"resourceType": "%s", "id": "%s"}}]}""";
    static final UpstreamStub ISSUER = UpstreamStub.start("issuer")
            .serve("/.well-known/jwks.json", TestTokens.jwkSetJson());
    static final UpstreamStub ASSESSMENT = UpstreamStub.start("assessment")
            .serve("/api/assessments/me/record", part("11111111-1111-3111-8111-111111111111", "Observation"))
            .serve("/api/assessments/record", part("11111111-1111-3111-8111-111111111111", "Observation"));
    static final UpstreamStub GOAL = UpstreamStub.start("goal")
            .serve("/api/goals/me/record", part("22222222-2222-3222-8222-222222222222", "Goal"))
            .serve("/api/goals/record", part("22222222-2222-3222-8222-222222222222", "Goal"));
    /** Its practitioner's part is not a bundle: the export must refuse rather than leave it out. */
    static final UpstreamStub CATALOGUE = UpstreamStub.start("catalogue")
            .serve("/api/recommendations/me/record", part("33333333-3333-3333-8333-333333333333", "CarePlan"));

    static String part(String id, String type) {
        return PART.formatted(id, type, id);
    }

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("TEND_ASSESSMENT_URL", ASSESSMENT::url);
        registry.add("TEND_GOAL_URL", GOAL::url);
        registry.add("TEND_CATALOGUE_URL", CATALOGUE::url);
        registry.add("TEND_JWT_JWK_SET_URI", () -> ISSUER.url() + "/.well-known/jwks.json");
        registry.add("TEND_JWT_ISSUER", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stopStubs() {
        ISSUER.close();
        ASSESSMENT.close();
        GOAL.close();
        CATALOGUE.close();
    }

    @LocalServerPort
    int port;

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void theRecordIsOneCollectionBundleOfEveryPartInOrder() {
        String token = TestTokens.valid("user-1", "participant");
        byte[] body = client().get().uri("/api/me/export")
                .header("Authorization", bearer(token))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.parseMediaType("application/fhir+json"))
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody().returnResult().getResponseBody();
        JsonNode bundle = JsonMapper.builder().build().readTree(body);
        assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.path("type").asText()).isEqualTo("collection");
        assertThat(bundle.path("timestamp").asText()).isNotBlank();
        assertThat(bundle.path("entry")).extracting(e -> e.path("resource").path("resourceType").asText())
                .containsExactly("Observation", "Goal", "CarePlan");
        for (UpstreamStub service : java.util.List.of(ASSESSMENT, GOAL, CATALOGUE)) {
            assertThat(service.requests()).as("the caller's own token, relayed").anySatisfy(r -> {
                assertThat(r.path()).endsWith("/me/record");
                assertThat(r.headers().get("authorization")).isEqualTo(bearer(token));
            });
        }
    }

    @Test
    void aPractitionersExportAsksEachServiceForTheNamedParticipantAndRefusesWhenAPartIsNotABundle() {
        String token = TestTokens.valid("pat", "practitioner");
        client().get().uri("/api/participants/p_aaaaaaaaaaaaaaaaaaaaaaaaaa/export")
                .header("Authorization", bearer(token))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/export-incomplete");
        for (UpstreamStub service : java.util.List.of(ASSESSMENT, GOAL, CATALOGUE)) {
            assertThat(service.requests()).anySatisfy(r -> {
                assertThat(r.path()).endsWith("/record").doesNotContain("/me/");
                assertThat(r.query()).isEqualTo("participantId=p_aaaaaaaaaaaaaaaaaaaaaaaaaa");
                assertThat(r.headers().get("authorization")).isEqualTo(bearer(token));
            });
        }
    }

    @Test
    void aMalformedParticipantIdIsABadRequestThatReachesNoService() {
        int before = ASSESSMENT.requests().size();
        for (String id : java.util.List.of("alice", "p_{x}", "p_AAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            client().get().uri(uri -> uri.path("/api/participants/{id}/export").build(id))
                    .header("Authorization", bearer(TestTokens.valid("pat", "practitioner")))
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("participantId")
                    .jsonPath("$.errors[0].rule").isEqualTo("pattern");
        }
        assertThat(ASSESSMENT.requests()).hasSize(before);
    }

    @Test
    void withoutATokenThereIsNoRecord() {
        client().get().uri("/api/me/export").exchange().expectStatus().isUnauthorized();
    }

    /** The catalogue is down: the caller gets a 503 problem to retry, never a record without its recommendations. */
    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    @DirtiesContext
    class WhenAServiceIsDown {

        @DynamicPropertySource
        static void deadCatalogue(DynamicPropertyRegistry registry) {
            registry.add("TEND_CATALOGUE_URL", UpstreamStub::deadUrl);
        }

        @LocalServerPort
        int nestedPort;

        @Test
        void theRecordIsRefusedWithA503ProblemAndRetryAfter() {
            WebTestClient.bindToServer().baseUrl("http://localhost:" + nestedPort)
                    .responseTimeout(Duration.ofSeconds(20)).build()
                    .get().uri("/api/me/export")
                    .header("Authorization", bearer(TestTokens.valid("user-1", "participant")))
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals("Retry-After", "5")
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("/problems/export-incomplete")
                    .jsonPath("$.entry").doesNotExist();
        }
    }
}
