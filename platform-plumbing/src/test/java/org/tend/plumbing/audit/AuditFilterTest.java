package org.tend.plumbing.audit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.sample.SampleApplication;
import org.tend.testsupport.EmbeddedMongo;
import org.tend.testsupport.TestJwtConfiguration;
import org.tend.testsupport.TestTokens;

/**
 * What the filter writes to the outbox, request by request, with no broker at all: the entry is the service's own
 * record, stored before the answer leaves.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.bootstrap-servers=127.0.0.1:1", "spring.kafka.admin.auto-create=false",
                "spring.kafka.producer.properties.max.block.ms=300", "tend.audit.publish-interval=PT1H"})
@ContextConfiguration(initializers = EmbeddedMongo.class)
@Import({TestJwtConfiguration.class, AuditFilterTest.Outbox.class})
@DirtiesContext
class AuditFilterTest {

    @LocalServerPort
    int port;
    @Autowired
    Pseudonymizer pseudonymizer;
    @Autowired
    MongoDatabase database;
    @Autowired
    BreakableOutbox outbox;
    @Autowired
    AuditPublisher publisher;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    /** The service's outbox, which a test can make fail as a store that is away would. */
    static class BreakableOutbox extends AuditOutbox {
        volatile boolean broken;

        BreakableOutbox(MongoDatabase database) {
            super(database);
        }

        @Override
        public void append(AuditEntry entry) {
            if (broken) {
                throw new MongoTimeoutException("the store is away");
            }
            super.append(entry);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Outbox {
        @Bean
        BreakableOutbox breakableOutbox(MongoDatabase database) {
            return new BreakableOutbox(database);
        }
    }

    @AfterEach
    void mend() {
        outbox.broken = false;
    }

    record Answer(int status, String contentType, String body) {
    }

    Answer get(String path, String token) {
        return RestClient.builder().baseUrl("http://localhost:" + port).build().get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
                .exchange((req, res) -> new Answer(res.getStatusCode().value(),
                        String.valueOf(res.getHeaders().getContentType()), new String(res.getBody().readAllBytes())));
    }

    List<Document> entriesOf(String subject) {
        return database.getCollection(AuditOutbox.COLLECTION).find(eq("actorId", pseudonymizer.pseudonymFor(subject)))
                .into(new ArrayList<>());
    }

    String person(String subject) {
        return pseudonymizer.pseudonymFor(subject);
    }

    @Test
    void aPractitionersReadOfAParticipantIsRecordedWithRouteParticipantAndOutcome() {
        String alice = person("alice-1");
        assertThat(get("/api/people/" + alice, TestTokens.practitioner("priya-1")).status()).isEqualTo(200);

        List<Document> entries = entriesOf("priya-1");
        assertThat(entries).hasSize(1);
        Document entry = entries.get(0);
        assertThat(entry.getString("actorId")).isEqualTo(person("priya-1"));
        assertThat(entry.getList("actorRoles", String.class)).containsExactly("practitioner");
        assertThat(entry.getString("action")).isEqualTo("GET /api/people/{participantId}");
        assertThat(entry.getString("participantId")).isEqualTo(alice);
        assertThat(entry.getInteger("outcome")).isEqualTo(200);
        assertThat(entry.getString("service")).isEqualTo("sample-service");
        assertThat(entry.get("occurredAt")).isInstanceOf(java.util.Date.class);
        assertThat(entry.getString("_id")).matches("[0-9a-f-]{36}");
    }

    /** The answer held a score and a note: the entry holds exactly its eight fields, and neither. */
    @Test
    void anEntryHoldsNoScoreNoFreeTextAndNothingElse() {
        String body = get("/api/people/" + person("alice-2"), TestTokens.practitioner("priya-2")).body();
        assertThat(body).contains("totalScore").contains("Feels low");

        Document entry = entriesOf("priya-2").get(0);
        assertThat(entry.keySet()).containsExactlyInAnyOrder("_id", "actorId", "actorRoles", "action",
                "participantId", "outcome", "service", "occurredAt");
        assertThat(entry.values()).doesNotContain(17);
        assertThat(entry.toJson()).doesNotContain("totalScore").doesNotContain("Feels").doesNotContain("priya-2");
    }

    @Test
    void aRefusedReadIsRecordedWithItsStatusAndTheParticipantItWasAbout() {
        String bob = person("bob-3");
        assertThat(get("/api/people/" + bob, TestTokens.hr("hana-3")).status()).isEqualTo(403);
        Document hr = entriesOf("hana-3").get(0);
        assertThat(hr.getInteger("outcome")).isEqualTo(403);
        assertThat(hr.getString("participantId")).isEqualTo(bob);
        assertThat(hr.getList("actorRoles", String.class)).containsExactly("hr");

        // Named only by the controller, which refuses after naming.
        String refused = bob.substring(0, bob.length() - 1) + "a";
        assertThat(get("/api/cases/" + refused, TestTokens.practitioner("priya-3")).status()).isEqualTo(403);
        Document practitioner = entriesOf("priya-3").get(0);
        assertThat(practitioner.getString("action")).isEqualTo("GET /api/cases/{caseId}");
        assertThat(practitioner.getString("participantId")).isEqualTo(refused);
        assertThat(practitioner.getInteger("outcome")).isEqualTo(403);
    }

    @Test
    void aParticipantReadingTheirOwnDataIsNotRecordedNorARefusedOne() {
        assertThat(get("/api/people/" + person("carol-4"), TestTokens.participant("carol-4")).status()).isEqualTo(200);
        assertThat(get("/api/people/" + person("dan-4"), TestTokens.participant("carol-4")).status()).isEqualTo(403);
        assertThat(get("/api/library", TestTokens.participant("carol-4")).status()).isEqualTo(200);
        assertThat(entriesOf("carol-4")).isEmpty();
    }

    @Test
    void hrAndAdminQueriesAreRecordedEverywherePractitionersNotOnReferenceData() {
        assertThat(get("/api/library", TestTokens.practitioner("priya-5")).status()).isEqualTo(200);
        assertThat(entriesOf("priya-5")).isEmpty();

        assertThat(get("/api/library", TestTokens.hr("hana-5")).status()).isEqualTo(200);
        assertThat(get("/api/library", TestTokens.admin("adam-5")).status()).isEqualTo(200);
        assertThat(entriesOf("hana-5")).singleElement()
                .satisfies(e -> assertThat(e.getString("action")).isEqualTo("GET /api/library"))
                .satisfies(e -> assertThat(e.containsKey("participantId")).isFalse());
        assertThat(entriesOf("adam-5")).singleElement()
                .satisfies(e -> assertThat(e.getList("actorRoles", String.class)).containsExactly("admin"));
    }

    /** The route pattern, never the path or the query; a participantId that is not a pseudonym is not kept. */
    @Test
    void theQueryIsNeverRecordedAndOnlyAPseudonymNamesAParticipant() {
        String alice = person("alice-6");
        get("/api/people?participantId=" + alice + "&note=Alice%20Smith", TestTokens.practitioner("priya-6"));
        get("/api/people?participantId=alice%40example.org", TestTokens.practitioner("priya-6"));
        get("/api/nothing/here?name=alice", TestTokens.admin("adam-6"));

        List<Document> entries = entriesOf("priya-6");
        assertThat(entries).extracting(e -> e.getString("action")).containsOnly("GET /api/people");
        assertThat(entries).extracting(e -> e.getString("participantId")).containsExactlyInAnyOrder(alice, null);
        Document unmatched = entriesOf("adam-6").get(0);
        assertThat(unmatched.getString("action")).isEqualTo("GET /api/**");
        assertThat(unmatched.getInteger("outcome")).isEqualTo(404);
        assertThat(entries.toString() + unmatched.toJson()).doesNotContain("Smith").doesNotContain("example.org")
                .doesNotContain("nothing").doesNotContain("name=");
    }

    /** No record, no data: a read whose entry cannot be stored is answered 503 without its data. */
    @Test
    void aReadIsWithheldWhenItsEntryCannotBeStored() {
        outbox.broken = true;
        Answer withheld = get("/api/people/" + person("alice-7"), TestTokens.practitioner("priya-7"));
        assertThat(withheld.status()).isEqualTo(503);
        assertThat(withheld.contentType()).startsWith("application/problem+json");
        assertThat(withheld.body()).contains("/problems/audit-unavailable").doesNotContain("totalScore")
                .doesNotContain("Feels");

        // What is not recorded is not withheld.
        assertThat(get("/api/people/" + person("carol-7"), TestTokens.participant("carol-7")).status()).isEqualTo(200);
        assertThat(get("/api/library", TestTokens.practitioner("priya-7")).status()).isEqualTo(200);
    }

    /** With no broker at all, entries stay in the outbox: nothing is lost, the next round sends them. */
    @Test
    void entriesStayInTheOutboxWhileKafkaIsDown() {
        get("/api/people/" + person("alice-8"), TestTokens.practitioner("priya-8"));
        long unsent = outbox.unsentCount();
        assertThat(unsent).isPositive();
        assertThat(publisher.publishPending()).isZero();
        assertThat(outbox.unsentCount()).isEqualTo(unsent);
        assertThat(meters.get("tend.audit.outbox.unsent").gauge().value()).isEqualTo((double) unsent);
        assertThat(entriesOf("priya-8")).singleElement()
                .satisfies(e -> assertThat(e.containsKey("sentAt")).isFalse());
    }

    @Test
    void theBodyOfAnAnswerIsPassedOnWhole() {
        Answer answer = get("/api/people/" + person("alice-9"), TestTokens.practitioner("priya-9"));
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body()).contains("\"participantId\":\"" + person("alice-9") + "\"")
                .contains("\"totalScore\":17");
    }
}
