package org.tend.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.web.client.RestClient;
import org.tend.testsupport.MetricScrape;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.testsupport.EmbeddedMongo;
import org.tend.testsupport.RawHttp;
import org.tend.testsupport.TestJwtConfiguration;
import org.tend.testsupport.TestTokens;
import org.tend.progress.query.JourneyQueries;
import org.tend.progress.query.ProjectionNames;

/**
 * The service end to end: records as the other services publish them, fed into an embedded broker, projected into
 * mongo-java-server and served over HTTP to callers with real tokens.
 */
// No assessment-service makes the participants' keys here (the test publishes their records in the clear), so this
// service makes them, to seal the outcomes it publishes.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tend.keys.makes-keys=true",
        "tend.progress.rebuild.drop-grace=PT0.2S",
        "tend.progress.rebuild.fold-events=50"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers", partitions = 3,
        topics = {EventTypes.ASSESSMENT_TOPIC, EventTypes.CATALOGUE_TOPIC, EventTypes.GOAL_TOPIC,
                EventTypes.PROGRESS_TOPIC})
@ContextConfiguration(initializers = EmbeddedMongo.class)
@Import(TestJwtConfiguration.class)
@DirtiesContext
class ProgressIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ContractValidator CONTRACTS = ContractValidator.load();
    static final Instant T0 = Instant.parse("2025-02-03T08:30:00Z");
    static final String DEAD_LETTERS = "tend.progress.dead-letters";

    /** A real SMTP server (GreenMail) on a free port, started before the service so it knows where to send. */
    static final com.icegreen.greenmail.util.GreenMail MAIL = startMail();

    static com.icegreen.greenmail.util.GreenMail startMail() {
        var mail = new com.icegreen.greenmail.util.GreenMail(
                com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

    @org.springframework.test.context.DynamicPropertySource
    static void mailServer(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "localhost");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    @org.junit.jupiter.api.AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    /** The service's clock: time-based review rules must see time pass without new events. */
    static final TestClock CLOCK = new TestClock();

    @TestBean(name = "clock")
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @LocalServerPort
    int port;
    @Autowired
    org.tend.keys.ParticipantKeys keys;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    Pseudonymizer pseudonymizer;
    @Autowired
    MongoDatabase database;
    @Autowired
    JourneyQueries queries;
    @Autowired
    org.tend.progress.reminders.Reminders reminders;

    // ---------------------------------------------------------------- the journey

    @Test
    void theJourneyIsServedInTimeOrderEvenWhenRecordsArriveOutOfOrderAcrossTopics() {
        String subject = "alice-" + UUID.randomUUID();
        String alice = pseudonymizer.pseudonymFor(subject);
        String programme = TestEvents.uuid();
        String cbt = slug("cbt");
        String mbsr = slug("mbsr");
        String first = TestEvents.uuid();
        String second = TestEvents.uuid();
        String goal = TestEvents.uuid();

        // Newest first, and topics interleaved: the goal topic is ahead of the assessment topic.
        send(TestEvents.goalRated(alice, goal, 7, 4, day(40)),
                TestEvents.assessmentCompleted(alice, programme, second, "phq-9", 9, "mild", day(35)),
                TestEvents.goalRated(alice, goal, 3, null, day(20)),
                TestEvents.goalSet(alice, goal, cbt, day(10)),
                TestEvents.recommendationsIssued(alice, first, "moderately-severe", "step-3", List.of(cbt, mbsr),
                        day(2)),
                TestEvents.assessmentCompleted(alice, programme, first, "phq-9", 16, "moderately-severe", day(1)),
                TestEvents.enrolled(alice, programme, "finance", day(0)),
                TestEvents.interventionPublished(cbt, "Cognitive behavioural therapy", 1, day(-30)),
                TestEvents.interventionPublished(mbsr, "Mindfulness-based stress reduction", 1, day(-30)));

        JsonNode journey = await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/api/journeys/me", TestTokens.participant(subject)),
                reply -> reply.status() == 200 && reply.json().path("timeline").size() == 7
                        && !reply.json().path("goals").path(0).path("interventionName").isNull()
                        && !reply.json().path("recommendations").path("interventions").path(1)
                        .path("interventionName").isNull()).json();

        assertThat(journey.path("participantId").asText()).isEqualTo(alice);
        assertThat(journey.path("programmeId").asText()).isEqualTo(programme);
        assertThat(journey.path("enrolledAt").asText()).isEqualTo(day(0).toString());
        assertThat(journey.path("cohort").path("department").asText()).isEqualTo("finance");
        assertThat(texts(journey.path("timeline"), "kind")).containsExactly("goal-progress-rated",
                "assessment-completed", "goal-progress-rated", "goal-set", "recommendations-issued",
                "assessment-completed", "enrolled");
        assertThat(texts(journey.path("timeline"), "time")).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(journey.path("timelinePage").path("total").asInt()).isEqualTo(7);
        assertThat(journey.path("timelinePage").path("limit").asInt()).isEqualTo(50);
        assertThat(journey.path("timelinePage").path("next").isNull()).isTrue();
        JsonNode phq9 = journey.path("assessments").path(0);
        assertThat(phq9.path("instrumentId").asText()).isEqualTo("phq-9");
        assertThat(phq9.path("first").path("totalScore").asInt()).isEqualTo(16);
        assertThat(phq9.path("first").path("band").asText()).isEqualTo("moderately-severe");
        assertThat(phq9.path("latest").path("totalScore").asInt()).isEqualTo(9);
        assertThat(phq9.path("latest").path("assessmentId").asText()).isEqualTo(second);
        assertThat(phq9.path("results").size()).isEqualTo(2);
        JsonNode recommendations = journey.path("recommendations");
        assertThat(recommendations.path("steppedCareLevel").asText()).isEqualTo("step-3");
        assertThat(texts(recommendations.path("interventions"), "interventionName"))
                .containsExactly("Cognitive behavioural therapy", "Mindfulness-based stress reduction");
        JsonNode goalView = journey.path("goals").path(0);
        assertThat(goalView.path("goalId").asText()).isEqualTo(goal);
        assertThat(goalView.path("interventionName").asText()).isEqualTo("Cognitive behavioural therapy");
        assertThat(goalView.path("latestRating").asInt()).isEqualTo(7);
        assertThat(goalView.path("changeFromFirst").asInt()).isEqualTo(4);
        assertThat(texts(goalView.path("ratings"), "time")).containsExactly(day(20).toString(), day(40).toString());
        assertThat(journey.toString()).doesNotContain(subject);
        // A participant may also name themself.
        assertThat(get("/api/journeys/" + alice, TestTokens.participant(subject)).json()).isEqualTo(journey);
    }

    @Test
    void aDuplicateRecordChangesNothing() {
        String subject = "dora-" + UUID.randomUUID();
        String dora = pseudonymizer.pseudonymFor(subject);
        String goal = TestEvents.uuid();
        ProducerRecord<String, byte[]> rating = TestEvents.goalRated(dora, goal, 5, day(3));
        send(TestEvents.enrolled(dora, TestEvents.uuid(), null, day(0)), TestEvents.goalSet(dora, goal, "cbt", day(1)),
                rating);
        Reply before = await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/api/journeys/me", TestTokens.participant(subject)),
                reply -> reply.status() == 200 && reply.json().path("timeline").size() == 3);
        List<Document> documentBefore = rawJourney(dora);

        RecordMetadata duplicate = send(TestEvents.again(rating)).get(0);
        awaitConsumed(duplicate);

        assertThat(get("/api/journeys/me", TestTokens.participant(subject)).body()).isEqualTo(before.body());
        assertThat(rawJourney(dora)).isEqualTo(documentBefore);
        assertThat(before.json().path("goals").path(0).path("ratings").size()).isEqualTo(1);
    }

    @Test
    void aPoisonRecordLandsInTheDeadLettersAndTheNextRecordIsStillApplied() {
        String subject = "paul-" + UUID.randomUUID();
        String paul = pseudonymizer.pseudonymFor(subject);
        String goal = TestEvents.uuid();
        byte[] garbage = ("not a cloud event " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> notACloudEvent = new ProducerRecord<>(EventTypes.GOAL_TOPIC, paul, garbage);
        ProducerRecord<String, byte[]> loginSubject = TestEvents.goalRatedByLoginSubject(paul, day(2));

        send(TestEvents.enrolled(paul, TestEvents.uuid(), null, day(0)), TestEvents.goalSet(paul, goal, "cbt", day(1)),
                notACloudEvent, loginSubject, TestEvents.goalRated(paul, goal, 8, day(3)));

        JsonNode journey = await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/api/journeys/me", TestTokens.participant(subject)),
                reply -> reply.status() == 200 && reply.json().path("timeline").size() == 3).json();
        assertThat(journey.path("goals").path(0).path("latestRating").asInt()).isEqualTo(8);

        List<ConsumerRecord<String, byte[]>> dead = deadLettersWithKey(paul, 2);
        assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactlyInAnyOrder(
                new String(garbage, StandardCharsets.UTF_8), new String(loginSubject.value(), StandardCharsets.UTF_8));
        for (ConsumerRecord<String, byte[]> record : dead) {
            assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(EventTypes.GOAL_TOPIC);
            assertThat(header(record, "kafka_dlt-exception-message")).isNotBlank();
        }
        assertThat(dead).anySatisfy(r -> assertThat(header(r, "kafka_dlt-exception-message"))
                .contains("participantId"));

        // Admins see them (never their data) and can hand them to the listener again: still malformed, they fail.
        assertThat(get("/api/admin/progress/dead-letters", TestTokens.participant(subject)).status()).isEqualTo(403);
        Reply listed = get("/api/admin/progress/dead-letters", TestTokens.admin("ada"));
        assertThat(listed.status()).isEqualTo(200);
        List<JsonNode> pauls = new ArrayList<>();
        for (JsonNode letter : listed.json().path("deadLetters")) {
            if (dead.stream().anyMatch(r -> r.offset() == letter.path("offset").asLong())) {
                pauls.add(letter);
            }
        }
        assertThat(pauls).hasSize(2).allSatisfy(letter -> {
            assertThat(letter.path("originalTopic").asText()).isEqualTo(EventTypes.GOAL_TOPIC);
            assertThat(letter.path("reason").asText()).isEqualTo("MalformedEventException");
        });
        assertThat(listed.body()).doesNotContain(new String(garbage, StandardCharsets.UTF_8));
        long offset = pauls.get(0).path("offset").asLong();
        Reply redriven = exchange("POST", "/api/admin/progress/dead-letters/redrive",
                TestTokens.bearer(TestTokens.admin("ada")), "{\"offset\": " + offset + "}");
        assertThat(redriven.status()).isEqualTo(200);
        assertThat(redriven.json().path("results").path(0).path("outcome").asText()).isEqualTo("failed");
    }

    /**
     * The alert counts are read by every instance outside the journeys' consumer group: a count on the topic is
     * recorded, a malformed one still goes to the dead letters, and {@code tend-progress} has only the journey
     * listener's members, none of them assigned an alert-counts partition, with no offset committed for that topic.
     */
    @Test
    void theAlertCountsAreReadOutsideTheJourneysGroupAndAMalformedCountIsDeadLettered() throws Exception {
        String programme = TestEvents.uuid();
        byte[] garbage = ("not a cloud event " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        send(new ProducerRecord<>(EventTypes.ALERT_COUNTS_TOPIC, programme, garbage),
                TestEvents.alertsOverdue(programme, 2, day(1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> database.getCollection("alert_counts")
                .countDocuments(Filters.and(Filters.eq("_id", programme), Filters.eq("overdue", 2))) == 1);
        assertThat(deadLettersWithKey(programme, 1)).singleElement().satisfies(dead -> {
            assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(EventTypes.ALERT_COUNTS_TOPIC);
            assertThat(header(dead, "tend_dlt-reason")).isEqualTo("MalformedEventException");
        });

        var group = await().atMost(Duration.ofSeconds(30)).until(() -> withAdmin(admin -> {
            try {
                return admin.describeConsumerGroups(List.of("tend-progress")).all().get().get("tend-progress");
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }), described -> !described.members().isEmpty()
                && described.groupState() == org.apache.kafka.common.GroupState.STABLE);
        Set<String> assignedTopics = new HashSet<>();
        group.members().forEach(member -> member.assignment().topicPartitions()
                .forEach(partition -> assignedTopics.add(partition.topic())));
        assertThat(group.members()).as("one journey listener on one instance").hasSize(1);
        assertThat(assignedTopics).containsExactlyInAnyOrder(EventTypes.ASSESSMENT_TOPIC, EventTypes.CATALOGUE_TOPIC,
                EventTypes.GOAL_TOPIC);
        assertThat(committed().keySet()).extracting(TopicPartition::topic)
                .doesNotContain(EventTypes.ALERT_COUNTS_TOPIC);
    }

    @AfterEach
    void backToSystemTime() {
        CLOCK.useSystemTime();
    }

    // ---------------------------------------------------------------- outcomes and review

    @Test
    void phq9From17To9AndGad7From12To5AreReliableImprovementRecoveryAndReliableRecovery() {
        String subject = "olivia-" + UUID.randomUUID();
        String olivia = pseudonymizer.pseudonymFor(subject);
        String programme = TestEvents.uuid();
        send(TestEvents.enrolled(olivia, programme, null, day(0)),
                TestEvents.assessmentCompleted(olivia, programme, TestEvents.uuid(), "phq-9", 17, "moderately-severe",
                        day(1)),
                TestEvents.assessmentCompleted(olivia, programme, TestEvents.uuid(), "gad-7", 12, "moderate", day(1)),
                TestEvents.assessmentCompleted(olivia, programme, TestEvents.uuid(), "phq-9", 13, "moderate", day(15)),
                TestEvents.assessmentCompleted(olivia, programme, TestEvents.uuid(), "gad-7", 8, "mild", day(15)),
                TestEvents.assessmentCompleted(olivia, programme, TestEvents.uuid(), "phq-9", 9, "mild", day(29)),
                TestEvents.assessmentCompleted(olivia, programme, TestEvents.uuid(), "gad-7", 5, "mild", day(29)));

        JsonNode journey = await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/api/journeys/me", TestTokens.participant(subject)),
                reply -> reply.status() == 200 && reply.json().path("timeline").size() == 7).json();

        JsonNode gad7 = journey.path("assessments").path(0);
        JsonNode phq9 = journey.path("assessments").path(1);
        assertThat(phq9.path("instrumentId").asText()).isEqualTo("phq-9");
        assertThat(phq9.path("first").path("totalScore").asInt()).isEqualTo(17);
        assertThat(phq9.path("latest").path("totalScore").asInt()).isEqualTo(9);
        assertThat(phq9.path("results").size()).isEqualTo(3);
        assertThat(phq9.path("change").asInt()).isEqualTo(-8);
        assertThat(phq9.path("direction").asText()).isEqualTo("lower-is-better");
        assertThat(phq9.path("classification").asText()).isEqualTo("reliable-improvement");
        assertThat(phq9.path("method").asText()).isEqualTo("nhs-talking-therapies");
        assertThat(phq9.path("rci").isNull()).isTrue();
        assertThat(phq9.path("rule").asText()).contains("threshold 6");
        assertThat(gad7.path("change").asInt()).isEqualTo(-7);
        assertThat(gad7.path("classification").asText()).isEqualTo("reliable-improvement");
        assertThat(gad7.path("rule").asText()).contains("threshold 4");

        JsonNode tt = journey.path("talkingTherapies");
        assertThat(tt.path("caseAtFirst").asBoolean()).isTrue();
        assertThat(tt.path("reliableImprovement").asBoolean()).isTrue();
        assertThat(tt.path("reliableDeterioration").asBoolean()).isFalse();
        assertThat(tt.path("recovery").asText()).isEqualTo("met");
        assertThat(tt.path("reliableRecovery").asText()).isEqualTo("met");
        assertThat(tt.path("deteriorationExclusion").asBoolean()).isTrue();
        assertThat(texts(tt.path("measures"), "instrumentId")).containsExactly("phq-9", "gad-7");
        assertThat(tt.path("measures").path(1).path("casenessAtOrAbove").asInt()).isEqualTo(8);
        assertThat(journey.path("review").path("needsReview").asBoolean()).isFalse();
        assertThat(journey.path("review").path("flags").size()).isZero();
        assertThat(journey.path("gasTScore").isNull()).isTrue();
    }

    @Test
    void aRisingPhq9IsFlaggedAndListedForTheAssignedPractitionerOnly() {
        String programme = TestEvents.uuid();
        String otherProgramme = TestEvents.uuid();
        String patSubject = "pat-" + UUID.randomUUID();
        String quinnSubject = "quinn-" + UUID.randomUUID();
        String erinSubject = "erin-" + UUID.randomUUID();
        String erin = pseudonymizer.pseudonymFor(erinSubject);
        String frank = pseudonymizer.pseudonymFor("frank-" + UUID.randomUUID());
        send(TestEvents.practitionerAssigned(programme, pseudonymizer.pseudonymFor(patSubject), day(-5)),
                TestEvents.practitionerAssigned(otherProgramme, pseudonymizer.pseudonymFor(quinnSubject), day(-5)),
                TestEvents.enrolled(erin, programme, null, day(0)),
                TestEvents.enrolled(frank, programme, null, day(0)),
                TestEvents.assessmentCompleted(erin, programme, TestEvents.uuid(), "phq-9", 8, "mild", day(1)),
                TestEvents.goalSet(erin, TestEvents.uuid(), "cbt", day(2)),
                TestEvents.assessmentCompleted(erin, programme, TestEvents.uuid(), "phq-9", 11, "moderate", day(10)),
                TestEvents.assessmentCompleted(erin, programme, TestEvents.uuid(), "phq-9", 15, "moderately-severe",
                        day(20)));
        CLOCK.set(day(21));

        JsonNode journey = await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/api/journeys/me", TestTokens.participant(erinSubject)),
                reply -> reply.status() == 200 && reply.json().path("timeline").size() == 5).json();

        JsonNode phq9 = journey.path("assessments").path(0);
        assertThat(phq9.path("change").asInt()).isEqualTo(7);
        assertThat(phq9.path("classification").asText()).isEqualTo("reliable-deterioration");
        JsonNode review = journey.path("review");
        assertThat(review.path("needsReview").asBoolean()).isTrue();
        assertThat(texts(review.path("flags"), "ruleId")).containsExactly("reliable-deterioration");
        JsonNode flag = review.path("flags").path(0);
        assertThat(flag.path("kind").asText()).isEqualTo("reliable-deterioration");
        assertThat(flag.path("instrumentId").asText()).isEqualTo("phq-9");
        assertThat(flag.path("since").asText()).isEqualTo(day(20).toString());
        assertThat(flag.path("reason").asText()).isEqualTo("PHQ-9 has reliably deteriorated: 8 on 2025-02-04, 15 on"
                + " 2025-02-23, a change of +7 (NHS Talking Therapies: on PHQ-9 a fall of 6 or more points is reliable"
                + " improvement, a rise of as much reliable deterioration (threshold 6)).");

        // The literal path wins over /{participantId}: a list, not a malformed id.
        Reply pats = get("/api/journeys/needing-review", TestTokens.practitioner(patSubject));
        assertThat(pats.status()).as(pats.body()).isEqualTo(200);
        assertThat(pats.json().path("evaluatedAt").asText()).isEqualTo(day(21).toString());
        assertThat(texts(pats.json().path("participants"), "participantId")).containsExactly(erin);
        JsonNode listed = pats.json().path("participants").path(0);
        assertThat(listed.path("programmeId").asText()).isEqualTo(programme);
        assertThat(listed.path("flags")).isEqualTo(review.path("flags"));
        Reply quinns = get("/api/journeys/needing-review", TestTokens.practitioner(quinnSubject));
        assertThat(quinns.status()).isEqualTo(200);
        assertThat(texts(quinns.json().path("participants"), "participantId")).doesNotContain(erin, frank);

        for (String token : List.of(TestTokens.participant(erinSubject), TestTokens.hr("hana"),
                TestTokens.admin("ada"))) {
            assertForbidden(get("/api/journeys/needing-review", token));
        }
        assertThat(exchange("GET", "/api/journeys/needing-review", "").status()).isEqualTo(401);
    }

    @Test
    void anAdjustedPlanResolvesTheFlagAnUnresolvedOneIsOverdueAfterTheProgrammesReviewPeriodAndTheScheduleIsDue() {
        String programme = TestEvents.uuid();
        String patSubject = "pat-" + UUID.randomUUID();
        String pat = pseudonymizer.pseudonymFor(patSubject);
        String ginaSubject = "gina-" + UUID.randomUUID();
        String gina = pseudonymizer.pseudonymFor(ginaSubject);
        String hal = pseudonymizer.pseudonymFor("hal-" + UUID.randomUUID());
        send(TestEvents.practitionerAssigned(programme, pat, day(-5)),
                TestEvents.settingsChanged(programme, "P7D", day(-5)),
                TestEvents.enrolled(gina, programme, null, day(0)), TestEvents.enrolled(hal, programme, null, day(0)));
        for (String who : List.of(gina, hal)) {
            send(TestEvents.assessmentCompleted(who, programme, TestEvents.uuid(), "phq-9", 8, "mild", day(1)),
                    TestEvents.planAdjusted(who, 1, "add", "other", "step-2", "cbt", List.of("cbt"), pat, day(2)),
                    TestEvents.assessmentCompleted(who, programme, TestEvents.uuid(), "phq-9", 15,
                            "moderately-severe", day(10)));
        }
        send(TestEvents.planAdjusted(gina, 2, "step-up", "reliable-deterioration", "step-3", null, List.of("cbt"),
                pat, day(12)));
        CLOCK.set(day(18));

        JsonNode journey = await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/api/journeys/me", TestTokens.participant(ginaSubject)),
                reply -> reply.status() == 200 && reply.json().path("timeline").size() == 5).json();
        assertThat(journey.at("/plan/level").asText()).isEqualTo("step-3");
        assertThat(journey.at("/plan/episode").asInt()).isEqualTo(2);
        assertThat(journey.at("/plan/episodes/0/outcomes/0/classification").asText())
                .isEqualTo("reliable-deterioration");
        assertThat(journey.at("/review/needsReview").asBoolean()).isFalse();
        assertThat(journey.at("/review/reviewPeriod").asText()).isEqualTo("P7D");
        JsonNode resolved = journey.at("/review/resolved/0");
        assertThat(resolved.at("/flag/ruleId").asText()).isEqualTo("reliable-deterioration");
        assertThat(resolved.at("/resolution/how").asText()).isEqualTo("adjusted");
        assertThat(resolved.at("/resolution/change").asText()).isEqualTo("step-up");
        assertThat(resolved.at("/resolution/by").isNull()).as("her own view names the role, not the practitioner")
                .isTrue();
        assertThat(resolved.at("/resolution/byRole").asText()).isEqualTo("practitioner");
        assertThat(get("/api/journeys/" + gina, TestTokens.practitioner(patSubject)).json()
                .at("/review/resolved/0/resolution/by").asText()).isEqualTo(pat);
        // The schedule's PHQ-9 fell due 14 days after the last one, while the plan is active.
        assertThat(journey.at("/due/0/measure").asText()).isEqualTo("phq-9");
        assertThat(journey.at("/due/0/dueAt").asText()).isEqualTo(day(24).toString());
        assertThat(journey.at("/due/0/status").asText()).isEqualTo("upcoming");

        Reply list = get("/api/journeys/needing-review", TestTokens.practitioner(patSubject));
        assertThat(list.status()).isEqualTo(200);
        assertThat(texts(list.json().path("participants"), "participantId")).containsExactly(hal);
        JsonNode halsEntry = list.json().path("participants").path(0);
        assertThat(halsEntry.path("overdue").asBoolean()).as("flagged on day 10, review period 7 days").isTrue();
        assertThat(halsEntry.at("/flags/0/overdueAt").asText()).isEqualTo(day(17).toString());

        // A review by the practitioner resolves Hal's flag too.
        send(TestEvents.planReviewed(hal, pat, day(18)));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/journeys/needing-review",
                TestTokens.practitioner(patSubject)).json().path("participants").isEmpty());
    }

    @Test
    void aParticipantWhoOptedInIsRemindedOnceOfADueCheckInAndThePractitionerGetsADigestWithoutHealthDetails()
            throws Exception {
        String programme = TestEvents.uuid();
        String patSubject = "pat-" + UUID.randomUUID();
        String pat = pseudonymizer.pseudonymFor(patSubject);
        String ivySubject = "ivy-" + UUID.randomUUID();
        String ivy = pseudonymizer.pseudonymFor(ivySubject);
        String ivyToken = TestTokens.participant(ivySubject);
        send(TestEvents.practitionerAssigned(programme, pat, day(-5)),
                TestEvents.settingsChanged(programme, "P14D", day(-5)),
                TestEvents.enrolled(ivy, programme, null, day(0)),
                TestEvents.planAdjusted(ivy, 1, "add", "other", "step-2", "cbt", List.of("cbt"), pat, day(1)),
                TestEvents.assessmentCompleted(ivy, programme, TestEvents.uuid(), "phq-9", 12, "moderate", day(2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/journeys/me", ivyToken),
                reply -> reply.status() == 200 && reply.json().path("timeline").size() == 3);

        // Bad addresses are refused naming the field; someone with no journey cannot opt in; nothing is kept then.
        Reply bad = exchange("PUT", "/api/reminders/me", TestTokens.bearer(ivyToken), "{\"email\":\"ivy at home\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("email");
        assertThat(bad.json().at("/errors/0/rule").asText()).isEqualTo("format");
        Reply stranger = exchange("PUT", "/api/reminders/me", TestTokens.bearer(TestTokens.participant("nobody-"
                + UUID.randomUUID())), "{\"email\":\"nobody@example.org\"}");
        assertThat(stranger.status()).isEqualTo(409);
        assertThat(get("/api/reminders/me", ivyToken).json().path("optedIn").asBoolean()).isFalse();

        Reply optIn = exchange("PUT", "/api/reminders/me", TestTokens.bearer(ivyToken),
                "{\"email\":\" ivy.q@Example.ORG \"}");
        assertThat(optIn.status()).as(optIn.body()).isEqualTo(200);
        assertThat(optIn.json().path("email").asText()).isEqualTo("i***@example.org");
        assertThat(database.getCollection("reminder_participants").find().into(new ArrayList<>()).toString())
                .as("the address is sealed at rest").doesNotContain("ivy.q");
        assertThat(exchange("PUT", "/api/reminders/practitioner", TestTokens.bearer(TestTokens.practitioner(
                patSubject)), "{\"email\":\"pat@clinic.example\"}").status()).isEqualTo(200);
        assertThat(exchange("PUT", "/api/reminders/practitioner", TestTokens.bearer(ivyToken),
                "{\"email\":\"pat@clinic.example\"}").status()).isEqualTo(403);

        // Day 17: the fortnightly PHQ-9 fell due on day 16. One reminder, however often the sweep runs that day.
        CLOCK.set(day(17));
        reminders.sweep();
        reminders.sweep();
        assertThat(mailsTo("ivy.q@example.org")).singleElement().satisfies(mail -> {
            assertThat(mail.getSubject()).isEqualTo("You have a check-in waiting in Tend");
            String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
            assertThat(body).contains("/me/").doesNotContainIgnoringCase("phq").doesNotContain("12", "moderate",
                    "cbt");
        });
        // Published once as reassessment-due (codes and times only), valid against its contract.
        List<org.bson.Document> due = database.getCollection("outcome_outbox")
                .find(com.mongodb.client.model.Filters.and(
                        com.mongodb.client.model.Filters.eq("type", EventTypes.REASSESSMENT_DUE_V1),
                        com.mongodb.client.model.Filters.eq("key", ivy))).into(new ArrayList<>());
        assertThat(due).singleElement().satisfies(entry -> {
            org.bson.Document data = entry.get("data", org.bson.Document.class);
            assertThat(data.getString("dueAt")).isEqualTo(day(16).toString());
            assertThat(CONTRACTS.validate(EventTypes.REASSESSMENT_DUE_V1, data.toJson().getBytes())).isEmpty();
        });
        assertThat(mailsTo("pat@clinic.example")).as("due, not overdue yet: no digest").isEmpty();

        // Day 24: overdue. The practitioner's digest counts her without naming her, and the programme's overdue safety
        // alert as assessment-service counted it (an older count arriving late changes nothing); she is not reminded
        // twice.
        send(TestEvents.alertsOverdue(programme, 1, day(23)), TestEvents.alertsOverdue(programme, 3, day(22)));
        await().atMost(Duration.ofSeconds(30)).until(() -> database.getCollection("alert_counts")
                .countDocuments(com.mongodb.client.model.Filters.and(
                        com.mongodb.client.model.Filters.eq("_id", programme),
                        com.mongodb.client.model.Filters.eq("overdue", 1))) == 1);
        CLOCK.set(day(24));
        reminders.sweep();
        assertThat(mailsTo("ivy.q@example.org")).hasSize(1);
        assertThat(mailsTo("pat@clinic.example")).singleElement().satisfies(mail -> {
            String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
            assertThat(body).contains("1 safety alert is waiting to be acknowledged.",
                            "1 participant on your caseload needs attention", "/practitioner/")
                    .doesNotContain(ivy, ivySubject).doesNotContainIgnoringCase("phq");
        });

        assertThat(exchange("DELETE", "/api/reminders/me", TestTokens.bearer(ivyToken)).status()).isEqualTo(204);
        assertThat(get("/api/reminders/me", ivyToken).json().path("optedIn").asBoolean()).isFalse();
    }

    private List<jakarta.mail.internet.MimeMessage> mailsTo(String address) throws Exception {
        List<jakarta.mail.internet.MimeMessage> found = new ArrayList<>();
        for (jakarta.mail.internet.MimeMessage message : MAIL.getReceivedMessages()) {
            if (java.util.Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address))) {
                found.add(message);
            }
        }
        return found;
    }

    @Test
    void aWithdrawnParticipantsJourneyReadsWithdrawnAndLeavesThePractitionersReviewListUntilConsentIsRenewed() {
        String programme = TestEvents.uuid();
        String patSubject = "pat-" + UUID.randomUUID();
        String wilmaSubject = "wilma-" + UUID.randomUUID();
        String wilma = pseudonymizer.pseudonymFor(wilmaSubject);
        send(TestEvents.practitionerAssigned(programme, pseudonymizer.pseudonymFor(patSubject), day(-1)),
                TestEvents.enrolled(wilma, programme, null, day(0)),
                TestEvents.assessmentCompleted(wilma, programme, TestEvents.uuid(), "phq-9", 8, "mild", day(1)),
                TestEvents.assessmentCompleted(wilma, programme, TestEvents.uuid(), "phq-9", 15, "moderately-severe",
                        day(10)),
                TestEvents.consentWithdrawn(wilma, programme, day(11)));
        CLOCK.set(day(12));

        JsonNode journey = await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/api/journeys/me", TestTokens.participant(wilmaSubject)),
                reply -> reply.status() == 200 && reply.json().path("timeline").size() == 4).json();
        assertThat(journey.path("consent").path("status").asText()).isEqualTo("withdrawn");
        assertThat(journey.path("consent").path("withdrawnAt").asText()).isEqualTo(day(11).toString());
        assertThat(journey.path("timeline").path(0).path("kind").asText()).isEqualTo("consent-withdrawn");
        assertThat(journey.path("review").path("needsReview").asBoolean()).isFalse();
        JsonNode seenByPat = get("/api/journeys/" + wilma, TestTokens.practitioner(patSubject)).json();
        assertThat(seenByPat.path("consent").path("status").asText()).isEqualTo("withdrawn");
        assertThat(texts(get("/api/journeys/needing-review", TestTokens.practitioner(patSubject)).json()
                .path("participants"), "participantId")).doesNotContain(wilma);

        send(TestEvents.consentRenewed(wilma, programme, day(12)));
        await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/api/journeys/me", TestTokens.participant(wilmaSubject)),
                reply -> reply.status() == 200 && reply.json().path("timeline").size() == 5);
        assertThat(texts(get("/api/journeys/needing-review", TestTokens.practitioner(patSubject)).json()
                .path("participants"), "participantId")).contains(wilma);
    }

    @Test
    void aNoCheckInFlagAppearsWhenTheClockPassesThreeWeeksWithoutNewEvents() {
        String programme = TestEvents.uuid();
        String patSubject = "pat-" + UUID.randomUUID();
        String ginaSubject = "gina-" + UUID.randomUUID();
        String gina = pseudonymizer.pseudonymFor(ginaSubject);
        String goal = TestEvents.uuid();
        send(TestEvents.practitionerAssigned(programme, pseudonymizer.pseudonymFor(patSubject), day(-1)),
                TestEvents.enrolled(gina, programme, null, day(0)),
                TestEvents.goalSet(gina, goal, "cbt", day(1)),
                TestEvents.goalRated(gina, goal, 3, day(3)));
        CLOCK.set(day(3).plus(Duration.ofDays(21)).minusSeconds(1));
        JsonNode before = await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/api/journeys/me", TestTokens.participant(ginaSubject)),
                reply -> reply.status() == 200 && reply.json().path("timeline").size() == 3).json();
        assertThat(before.path("review").path("needsReview").asBoolean()).isFalse();
        assertThat(get("/api/journeys/needing-review", TestTokens.practitioner(patSubject)).json()
                .path("participants").size()).isZero();

        CLOCK.set(day(3).plus(Duration.ofDays(22)));

        JsonNode flags = get("/api/journeys/me", TestTokens.participant(ginaSubject)).json().path("review")
                .path("flags");
        assertThat(texts(flags, "ruleId")).containsExactly("no-check-in");
        assertThat(flags.path(0).path("since").asText()).isEqualTo(day(24).toString());
        assertThat(flags.path(0).path("goalId").isNull()).isTrue();
        assertThat(flags.path(0).path("reason").asText()).isEqualTo("No check-in for 3 weeks while a plan is active:"
                + " the last check-in (goal rating) was on 2025-02-06; check-ins are expected at least every 3 weeks.");
        JsonNode listed = get("/api/journeys/needing-review", TestTokens.practitioner(patSubject)).json();
        assertThat(texts(listed.path("participants"), "participantId")).containsExactly(gina);
    }

    @Test
    void goalAttainmentIsProjectedOnceAndGivesTheGasTScore() {
        String subject = "hal-" + UUID.randomUUID();
        String hal = pseudonymizer.pseudonymFor(subject);
        List<String> goals = List.of(TestEvents.uuid(), TestEvents.uuid(), TestEvents.uuid());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(TestEvents.enrolled(hal, TestEvents.uuid(), null, day(0)));
        int[] levels = {2, 1, 0};
        // The T-score after each rating, as goal-service publishes it: (2) → 70.0, (2, 1) → 68.6, (2, 1, 0) → 63.7.
        double[] tScores = {70.0, 68.6, 63.7};
        for (int i = 0; i < goals.size(); i++) {
            records.add(TestEvents.goalSet(hal, goals.get(i), "cbt", day(1)));
            records.add(TestEvents.attainmentScaleDefined(hal, goals.get(i), 1, -1, day(2)));
            records.add(TestEvents.goalAttainmentRated(hal, goals.get(i), levels[i], tScores[i],
                    day(30).plusSeconds(60L * i)));
        }
        records.add(TestEvents.goalRated(hal, goals.get(0), 2, null, day(3)));
        records.add(TestEvents.goalRated(hal, goals.get(0), 6, 4, day(31)));
        send(records.toArray(ProducerRecord[]::new));

        Reply reply = await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/api/journeys/me", TestTokens.participant(subject)),
                r -> r.status() == 200 && r.json().path("timeline").size() == records.size());
        JsonNode journey = reply.json();

        // The T-score after the latest attainment rating, as goal-service computed it: shown, not recomputed.
        assertThat(journey.path("gasTScore").asDouble()).isEqualTo(63.7);
        assertThat(texts(journey.path("timeline"), "kind")).contains("attainment-scale-defined",
                "goal-attainment-rated");
        assertThat(texts(journey.path("goals"), "goalId")).containsExactlyInAnyOrderElementsOf(goals);
        JsonNode rated = null;
        for (JsonNode goal : journey.path("goals")) {
            assertThat(goal.path("attainment").path("weight").asInt()).isEqualTo(1);
            assertThat(goal.path("attainment").path("baselineLevel").asInt()).isEqualTo(-1);
            if (goal.path("goalId").asText().equals(goals.get(0))) {
                rated = goal;
            }
        }
        assertThat(rated.path("changeFromFirst").asInt()).isEqualTo(4);
        assertThat(rated.path("attainment").path("latestLevel").asInt()).isEqualTo(2);
        assertThat(rated.path("attainment").path("ratings").size()).isEqualTo(1);

        // The same attainment rating again (a retried publish) changes nothing.
        List<Document> documentBefore = rawJourney(hal);
        awaitConsumed(send(TestEvents.again(records.get(3))).get(0));
        assertThat(rawJourney(hal)).isEqualTo(documentBefore);
        assertThat(get("/api/journeys/me", TestTokens.participant(subject)).body()).isEqualTo(reply.body());
    }

    // ---------------------------------------------------------------- the timeline, page by page

    /** Pages of 5, newest first, each older than the cursor of the one before: every event once, in order. */
    @Test
    void theTimelineIsPagedNewestFirstByCursor() {
        String subject = "paula-" + UUID.randomUUID();
        String paula = pseudonymizer.pseudonymFor(subject);
        String programme = TestEvents.uuid();
        String goal = TestEvents.uuid();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(List.of(
                TestEvents.enrolled(paula, programme, null, day(0)), TestEvents.goalSet(paula, goal, slug("cbt"),
                        day(1))));
        for (int i = 0; i < 10; i++) {
            records.add(TestEvents.goalRated(paula, goal, i, i == 0 ? null : i, day(2 + i)));
        }
        send(records.toArray(ProducerRecord[]::new));
        String token = TestTokens.participant(subject);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/journeys/me", token),
                r -> r.status() == 200 && r.json().path("timelinePage").path("total").asInt() == 12);

        for (String path : List.of("/api/journeys/me", "/api/journeys/" + paula)) {
            List<String> times = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            String before = null;
            do {
                JsonNode page = get(path + "?limit=5" + (before == null ? "" : "&before=" + before), token).json();
                assertThat(page.path("timelinePage").path("limit").asInt()).isEqualTo(5);
                assertThat(page.path("timelinePage").path("total").asInt()).isEqualTo(12);
                // The figures are the whole journey's on every page.
                assertThat(page.path("goals").path(0).path("ratings").size()).isEqualTo(10);
                assertThat(page.path("goals").path(0).path("latestRating").asInt()).isEqualTo(9);
                times.addAll(texts(page.path("timeline"), "time"));
                sizes.add(page.path("timeline").size());
                before = page.path("timelinePage").path("next").isNull() ? null
                        : page.path("timelinePage").path("next").asText();
            } while (before != null);
            assertThat(sizes).containsExactly(5, 5, 2);
            assertThat(times).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.reverseOrder())
                    .endsWith(day(0).toString());
        }
        JsonNode all = get("/api/journeys/me?limit=200", token).json();
        assertThat(all.path("timeline").size()).isEqualTo(12);
        assertThat(all.path("timelinePage").path("next").isNull()).isTrue();
    }

    @Test
    void badPagingParametersAreBadRequestsNamingTheParameter() {
        String subject = "quentin-" + UUID.randomUUID();
        String quentin = pseudonymizer.pseudonymFor(subject);
        String token = TestTokens.participant(subject);
        for (String path : List.of("/api/journeys/me", "/api/journeys/" + quentin)) {
            for (String limit : List.of("0", "-1", "201", "100000")) {
                assertBadRequest(get(path + "?limit=" + limit, token), "limit", "range");
            }
            for (String limit : List.of("ten", "1.5")) {
                assertBadRequest(get(path + "?limit=" + limit, token), "limit", "type");
            }
            for (String before : List.of("not-a-cursor", "bm90LWEtdGltZXxpZA", "x".repeat(500))) {
                assertBadRequest(get(path + "?before=" + before, token), "before", "pattern");
            }
            RawHttp.Reply undecodable = RawHttp.send(port, "GET", path + "?limit=%ZZ",
                    Map.of("Authorization", TestTokens.bearer(token)));
            assertThat(undecodable.status()).isEqualTo(400);
            assertThat(undecodable.body()).contains("\"field\":\"query\"");
        }
    }

    static void assertBadRequest(Reply reply, String field, String rule) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("errors").path(0).path("field").asText()).isEqualTo(field);
        assertThat(reply.json().path("errors").path(0).path("rule").asText()).isEqualTo(rule);
    }

    // ---------------------------------------------------------------- who may read what

    @Test
    void onlyTheParticipantAndTheirAssignedPractitionersReadAJourney() {
        String programme = TestEvents.uuid();
        String otherProgramme = TestEvents.uuid();
        String carolSubject = "carol-" + UUID.randomUUID();
        String daveSubject = "dave-" + UUID.randomUUID();
        String patSubject = "pat-" + UUID.randomUUID();
        String quinnSubject = "quinn-" + UUID.randomUUID();
        String carol = pseudonymizer.pseudonymFor(carolSubject);
        String dave = pseudonymizer.pseudonymFor(daveSubject);
        String pat = pseudonymizer.pseudonymFor(patSubject);
        String quinn = pseudonymizer.pseudonymFor(quinnSubject);
        send(TestEvents.programmeCreated(programme, 6, day(-10)), TestEvents.programmeCreated(otherProgramme, 5, day(-10)),
                TestEvents.practitionerAssigned(programme, pat, day(-9)),
                TestEvents.practitionerAssigned(otherProgramme, quinn, day(-9)),
                TestEvents.enrolled(carol, programme, "ops", day(0)),
                TestEvents.enrolled(dave, otherProgramme, null, day(0)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get("/api/journeys/" + carol, TestTokens.practitioner(patSubject)).status() == 200
                        && get("/api/journeys/" + dave, TestTokens.practitioner(quinnSubject)).status() == 200);

        String carolPath = "/api/journeys/" + carol;
        assertThat(get("/api/journeys/me", TestTokens.participant(carolSubject)).status()).isEqualTo(200);
        assertThat(get(carolPath, TestTokens.participant(carolSubject)).status()).isEqualTo(200);
        assertThat(get(carolPath, TestTokens.practitioner(patSubject)).json().path("participantId").asText())
                .isEqualTo(carol);
        assertForbidden(get("/api/journeys/" + dave, TestTokens.participant(carolSubject)));
        assertForbidden(get("/api/journeys/" + dave, TestTokens.practitioner(patSubject)));
        assertForbidden(get(carolPath, TestTokens.practitioner(quinnSubject)));
        assertForbidden(get(carolPath, TestTokens.hr("hana")));
        assertForbidden(get(carolPath, TestTokens.admin("ada")));
        assertForbidden(get("/api/journeys/me", TestTokens.practitioner(patSubject)));
        assertForbidden(get("/api/journeys/me", TestTokens.hr("hana")));
        assertForbidden(get("/api/journeys/me", TestTokens.admin("ada")));
        // A practitioner learns nothing about participants outside their programmes: unknown looks the same.
        assertForbidden(get("/api/journeys/" + pseudonymizer.pseudonymFor("nobody-" + UUID.randomUUID()),
                TestTokens.practitioner(patSubject)));
        // The HR person who is also a participant reads only their own journey.
        assertForbidden(get(carolPath, TestTokens.mint("hana", List.of("hr", "participant"), Duration.ofMinutes(5))));

        // The audit trail: every practitioner's, HR's and admin's request is an entry; the participant's own are not.
        assertThat(auditOf(carol, null)).isEmpty();
        assertThat(auditOf(pat, carol)).extracting(e -> e.getString("action") + " " + e.getInteger("outcome"))
                .contains("GET /api/journeys/{participantId} 200").doesNotContain("GET /api/journeys/{participantId} 403");
        assertThat(auditOf(pat, dave)).extracting(e -> e.getString("action") + " " + e.getInteger("outcome"))
                .contains("GET /api/journeys/{participantId} 403");
        assertThat(auditOf(quinn, carol)).extracting(e -> e.getInteger("outcome")).containsExactly(403);
        for (String other : List.of("hana", "ada")) {
            assertThat(auditOf(pseudonymizer.pseudonymFor(other), carol)).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getInteger("outcome")).isEqualTo(403));
        }
        assertThat(auditOf(pat, null)).extracting(e -> e.getString("action"))
                .contains("GET /api/journeys/me", "GET /api/journeys/{participantId}");
        assertThat(auditOf(pat, null)).allSatisfy(e -> {
            assertThat(e.getString("service")).isEqualTo("progress-service");
            assertThat(e.getList("actorRoles", String.class)).containsExactly("practitioner");
            assertThat(e.toJson()).doesNotContain("phq").doesNotContain("score").doesNotContain(patSubject);
        });

        for (String token : List.of("", TestTokens.bearer(TestTokens.forged(carolSubject, List.of("participant"))),
                TestTokens.bearer(TestTokens.expired(carolSubject, List.of("participant"))),
                TestTokens.bearer(TestTokens.wrongIssuer(carolSubject, List.of("participant"))))) {
            Reply reply = exchange("GET", carolPath, token);
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aParticipantWithoutAJourneyYetGetsANotFoundProblem() {
        String subject = "newcomer-" + UUID.randomUUID();
        Reply mine = get("/api/journeys/me", TestTokens.participant(subject));
        Reply byId = get("/api/journeys/" + pseudonymizer.pseudonymFor(subject), TestTokens.participant(subject));

        for (Reply reply : List.of(mine, byId)) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().path("errors").path(0).path("field").asText()).isEqualTo("participantId");
        }
    }

    @Test
    void aMalformedParticipantIdIsABadRequestNamingTheField() {
        for (String id : List.of("alice", "p_ABCDEFGHIJKLMNOPQRSTUVWXYZ", "p_aaaaaaaaaaaaaaaaaaaaaaaaa1")) {
            Reply reply = get("/api/journeys/" + id, TestTokens.practitioner("pat"));
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().path("errors").path(0).path("field").asText()).isEqualTo("participantId");
            assertThat(reply.json().path("errors").path(0).path("rule").asText()).isEqualTo("pattern");
        }
    }

    @Test
    void theAdminApiIsForAdminsOnly() {
        for (String token : List.of(TestTokens.participant("carol"), TestTokens.practitioner("pat"),
                TestTokens.hr("hana"))) {
            assertForbidden(exchange("POST", "/api/admin/progress/rebuilds", TestTokens.bearer(token)));
            assertForbidden(get("/api/admin/progress/status", token));
            assertForbidden(get("/api/admin/progress/rebuilds/" + UUID.randomUUID(), token));
        }
        assertThat(exchange("POST", "/api/admin/progress/rebuilds", "").status()).isEqualTo(401);

        Reply unknown = get("/api/admin/progress/rebuilds/" + UUID.randomUUID(), TestTokens.admin("ada"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("errors").path(0).path("field").asText()).isEqualTo("rebuildId");
        Reply malformed = get("/api/admin/progress/rebuilds/not-a-uuid", TestTokens.admin("ada"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("errors").path(0).path("field").asText()).isEqualTo("rebuildId");
        Reply status = get("/api/admin/progress/status", TestTokens.admin("ada"));
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().has("activeGeneration")).isTrue();
        assertThat(status.json().has("journeys")).isTrue();
    }

    // ---------------------------------------------------------------- rebuild

    @Test
    void aRebuildFromOffsetZeroServesExactlyWhatTheLiveProjectionServed() throws Exception {
        String programme = TestEvents.uuid();
        String auditorSubject = "auditor-" + UUID.randomUUID();
        String auditor = pseudonymizer.pseudonymFor(auditorSubject);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(TestEvents.programmeCreated(programme, 6, day(-5)));
        for (int p = 0; p < 4; p++) {
            String participant = pseudonymizer.pseudonymFor("rebuilt-" + p + "-" + UUID.randomUUID());
            String assessment = TestEvents.uuid();
            String goal = TestEvents.uuid();
            records.add(TestEvents.enrolled(participant, programme, p % 2 == 0 ? "ops" : null, day(p)));
            records.add(TestEvents.assessmentCompleted(participant, programme, assessment, "gad-7", 8 + p, "mild",
                    day(p + 1)));
            records.add(TestEvents.recommendationsIssued(participant, assessment, "mild", "step-2",
                    List.of("cbt", "self-help"), day(p + 2)));
            records.add(TestEvents.goalSet(participant, goal, "cbt", day(p + 3)));
            records.add(TestEvents.goalRated(participant, goal, p, day(p + 4)));
            records.add(TestEvents.goalRated(participant, goal, p + 3, day(p + 4)));
            records.add(TestEvents.again(records.get(records.size() - 1)));
            records.add(TestEvents.goalRatedByLoginSubject(participant, day(p + 5)));
            records.add(TestEvents.goalRated(participant, goal, p + 4, day(p + 6)));
        }
        records.add(TestEvents.interventionPublished("self-help", "Guided self-help", 1, day(-40)));
        records.add(TestEvents.interventionPublished("self-help", "Guided self-help (revised)", 2, day(-20)));
        send(records.toArray(ProducerRecord[]::new));
        awaitEverythingConsumed();
        // An auditor practitioner on every programme seen, so that every journey can be read back over HTTP.
        int generation = queries.activeGeneration();
        Set<String> programmes = new HashSet<>();
        for (Document doc : database.getCollection(ProjectionNames.journeys(generation)).find()) {
            programmes.addAll(org.tend.progress.domain.Journeys.programmesOf(
                    queries.find(generation, doc.getString("_id")).orElseThrow().facts()));
        }
        send(programmes.stream().map(id -> TestEvents.practitionerAssigned(id, auditor, day(-1)))
                .toArray(ProducerRecord[]::new));
        awaitEverythingConsumed();

        Map<String, Document> documentsBefore = projectionDocuments(generation);
        Map<String, String> journeysBefore = journeysAsRead(generation, auditorSubject);
        assertThat(journeysBefore).isNotEmpty();

        Reply started = exchange("POST", "/api/admin/progress/rebuilds", TestTokens.bearer(TestTokens.admin("ada")));
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.location()).isEqualTo("/api/admin/progress/rebuilds/" + started.json().path("rebuildId")
                .asText());
        assertThat(started.json().path("generation").asInt()).isEqualTo(generation + 1);
        // Written while the rebuild runs: by the live listener into both generations, or read by the rebuild.
        String latecomer = pseudonymizer.pseudonymFor("latecomer-" + UUID.randomUUID());
        send(TestEvents.enrolled(latecomer, programme, null, day(9)));

        JsonNode done = await().atMost(Duration.ofSeconds(60)).until(
                () -> get(started.location(), TestTokens.admin("ada")).json(),
                status -> !status.path("state").asText().equals("RUNNING"));
        assertThat(done.path("state").asText()).isEqualTo("CAUGHT_UP");
        assertThat(done.path("eventsSkipped").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(done.path("eventsApplied").asLong()).isGreaterThanOrEqualTo(records.size() - 4);
        assertThat(done.path("positionsTotal").asLong()).isGreaterThanOrEqualTo(done.path("targetOffsetsTotal")
                .asLong());
        // Records written after the start may be read too (harmless: every write is idempotent).
        assertThat(done.path("recordsRead").asLong()).isGreaterThanOrEqualTo(done.path("recordsToRead").asLong());
        assertThat(done.path("finishedAt").asText()).isNotBlank();
        assertThat(done.path("eventsPerSecond").asDouble()).isPositive();
        assertThat(get("/api/admin/progress/status", TestTokens.admin("ada")).json().path("activeGeneration").asInt())
                .isEqualTo(generation + 1);
        // The operator's view of the same (no token: the scrape endpoint is for the internal network only): the
        // rebuild's progress, and the live batch listener's lag, with no one named in any tag.
        MetricScrape scrape = MetricScrape.parse(exchange("GET", "/actuator/prometheus", "").body());
        Map<String, String> progress = Map.of("projection", "progress");
        assertThat(scrape.value("tend_projection_rebuild_running", progress)).isEqualTo(0.0);
        assertThat(scrape.value("tend_projection_rebuild_records_read", progress))
                .isEqualTo(done.path("recordsRead").asDouble());
        assertThat(scrape.value("tend_projection_rebuild_records_to_read", progress))
                .isEqualTo(done.path("recordsToRead").asDouble());
        assertThat(scrape.value("tend_projection_lag_seconds_count", Map.of("group", "tend-progress"))).isPositive();
        assertThat(scrape.value("tend_events_consumed_total", Map.of("group", "tend-progress",
                "type", "tend.assessment.assessment-completed.v1"))).isGreaterThanOrEqualTo(4);
        assertThat(scrape.text()).doesNotContain(auditorSubject).doesNotContain(auditor).doesNotContain(latecomer)
                .doesNotContain(programme);

        await().atMost(Duration.ofSeconds(30)).until(() -> queries.find(generation + 1, latecomer).isPresent());
        Map<String, Document> documentsAfter = projectionDocuments(generation + 1);
        documentsAfter.remove("journeys/" + latecomer);
        documentsAfter.keySet().removeIf(key -> key.startsWith("journeymonths/" + latecomer + "|")
                || key.startsWith("journeymembers/") && key.endsWith("|" + latecomer));
        assertThat(documentsAfter).isEqualTo(documentsBefore);
        Map<String, String> journeysAfter = journeysAsRead(generation + 1, auditorSubject);
        assertThat(journeysAfter.remove(latecomer)).contains("\"kind\":\"enrolled\"");
        assertThat(journeysAfter).isEqualTo(journeysBefore);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                database.listCollectionNames().into(new ArrayList<>())).doesNotContainAnyElementsOf(
                ProjectionNames.allOf(generation)));
    }

    // ---------------------------------------------------------------- published outcome classifications

    /**
     * A second PHQ-9 yields an outcome-assessed record on tend.progress.events with the classification the journey
     * shows; each assessment's record is published once; a rebuild that has to publish them again (their outbox
     * entries purged) repeats the same ids and data, so a reader keeping ids once counts each once.
     */
    @Test
    void aSecondPhq9PublishesTheJourneysClassificationWithAnIdARebuildRepeats() throws Exception {
        String subject = "paula-" + UUID.randomUUID();
        String paula = pseudonymizer.pseudonymFor(subject);
        String programme = TestEvents.uuid();
        String first = TestEvents.uuid();
        String second = TestEvents.uuid();
        ProducerRecord<String, byte[]> secondRecord =
                TestEvents.assessmentCompleted(paula, programme, second, "phq-9", 8, "mild", day(30));
        send(TestEvents.enrolled(paula, programme, "ops", day(0)),
                TestEvents.assessmentCompleted(paula, programme, first, "phq-9", 16, "moderately-severe", day(1)),
                secondRecord);

        JsonNode journey = await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/api/journeys/me", TestTokens.participant(subject)),
                reply -> reply.status() == 200 && reply.json().path("assessments").path(0).path("results").size() == 2)
                .json();
        JsonNode phq9 = journey.path("assessments").path(0);
        assertThat(phq9.path("classification").asText()).isEqualTo("reliable-improvement");

        List<ConsumerRecord<String, byte[]>> published = recordsWithKey(EventTypes.PROGRESS_TOPIC, paula, 2);
        assertThat(published).extracting(r -> header(r, "ce_id")).containsExactly(
                org.tend.progress.messaging.OutcomePublications.eventIdOf(first),
                org.tend.progress.messaging.OutcomePublications.eventIdOf(second));
        for (ConsumerRecord<String, byte[]> record : published) {
            assertThat(header(record, "ce_type")).isEqualTo(EventTypes.OUTCOME_ASSESSED_V1);
            assertThat(header(record, "ce_source")).isEqualTo("/tend/progress-service");
            assertThat(CONTRACTS.validate(EventTypes.OUTCOME_ASSESSED_V1, record.value())).isEmpty();
        }
        JsonNode once = JSON.readTree(published.get(0).value());
        assertThat(once.path("basedOnAssessmentId").asText()).isEqualTo(first);
        assertThat(once.path("measures").path(0).path("measureCount").asInt()).isEqualTo(1);
        assertThat(once.path("measures").path(0).path("classification").asText()).isEqualTo("not-classified");
        assertThat(once.path("talkingTherapies").isNull()).isTrue();

        JsonNode twice = JSON.readTree(published.get(1).value());
        assertThat(twice.path("participantId").asText()).isEqualTo(paula);
        assertThat(twice.path("programmeId").asText()).isEqualTo(programme);
        assertThat(twice.path("basedOnAssessmentId").asText()).isEqualTo(second);
        assertThat(twice.path("assessedAt").asText()).isEqualTo(day(30).toString());
        JsonNode measure = twice.path("measures").path(0);
        assertThat(measure.path("instrumentId").asText()).isEqualTo("phq-9");
        assertThat(measure.path("measureCount").asInt()).isEqualTo(2);
        assertThat(measure.path("firstAssessmentId").asText()).isEqualTo(first);
        assertThat(measure.path("first").asInt()).isEqualTo(16);
        assertThat(measure.path("latest").asInt()).isEqualTo(8);
        assertThat(measure.path("change").asInt()).isEqualTo(phq9.path("change").asInt()).isEqualTo(-8);
        assertThat(measure.path("classification").asText()).isEqualTo(phq9.path("classification").asText());
        JsonNode tt = twice.path("talkingTherapies");
        JsonNode shown = journey.path("talkingTherapies");
        for (String field : List.of("caseAtFirst", "reliableImprovement", "reliableDeterioration", "recovery",
                "reliableRecovery")) {
            assertThat(tt.path(field)).as(field).isEqualTo(shown.path(field));
        }
        assertThat(tt.path("recovery").asText()).isEqualTo("met");

        // The outbox entries go (as the retention would let them); a rebuild computes and publishes them again.
        await().atMost(Duration.ofSeconds(10)).until(() -> database.getCollection("outcome_outbox")
                .countDocuments(new Document("key", paula).append("sentAt", new Document("$exists", true))) == 2);
        database.getCollection("outcome_outbox").deleteMany(new Document("key", paula));
        Reply started = exchange("POST", "/api/admin/progress/rebuilds", TestTokens.bearer(TestTokens.admin("ada")));
        assertThat(started.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> get(started.location(), TestTokens.admin("ada")).json()
                .path("state").asText().equals("CAUGHT_UP"));

        List<ConsumerRecord<String, byte[]>> again = recordsWithKey(EventTypes.PROGRESS_TOPIC, paula, 4);
        assertThat(again).hasSize(4);
        assertThat(again.subList(2, 4)).extracting(r -> header(r, "ce_id"))
                .containsExactlyElementsOf(published.stream().map(r -> header(r, "ce_id")).toList());
        for (int i = 0; i < 2; i++) {
            assertThat(JSON.readTree(again.get(2 + i).value())).isEqualTo(JSON.readTree(published.get(i).value()));
        }
        // Replayed by the live listener (a redelivery): the kept entries are not sent again.
        send(TestEvents.again(secondRecord));
        awaitEverythingConsumed();
        Thread.sleep(1_500);
        assertThat(recordsWithKey(EventTypes.PROGRESS_TOPIC, paula, 5)).hasSize(4);
    }

    // ---------------------------------------------------------------- helpers

    static Instant day(int d) {
        return T0.plus(Duration.ofDays(d));
    }

    static String slug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @SafeVarargs
    final List<RecordMetadata> send(ProducerRecord<String, byte[]>... records) {
        List<RecordMetadata> sent = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : records) {
            String type = TestEvents.header(record, "ce_type");
            if (type != null && EventTypes.ALL.contains(type) && !isDeliberatelyBroken(record)) {
                assertThat(CONTRACTS.validate(type, record.value())).as("contract of " + type).isEmpty();
            }
            try {
                sent.add(kafka.send(record).get().getRecordMetadata());
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        return sent;
    }

    private static boolean isDeliberatelyBroken(ProducerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8).contains("alice@example.org");
    }

    /** Waits until the service's consumer group has committed past the given record. */
    void awaitConsumed(RecordMetadata metadata) {
        TopicPartition partition = new TopicPartition(metadata.topic(), metadata.partition());
        await().atMost(Duration.ofSeconds(30)).until(() -> committed().getOrDefault(partition, 0L) > metadata.offset());
    }

    /** Waits until the service's consumer group has committed every record of the three topics. */
    void awaitEverythingConsumed() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<TopicPartition, Long> committed = committed();
            return endOffsets().entrySet().stream()
                    .allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
        });
    }

    Map<TopicPartition, Long> committed() {
        return withAdmin(admin -> {
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("tend-progress")
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, Long> result = new HashMap<>();
                offsets.forEach((tp, om) -> {
                    if (om != null) {
                        result.put(tp, om.offset());
                    }
                });
                return result;
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    Map<TopicPartition, Long> endOffsets() {
        return withAdmin(admin -> {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (String topic : List.of(EventTypes.ASSESSMENT_TOPIC, EventTypes.CATALOGUE_TOPIC, EventTypes.GOAL_TOPIC)) {
                for (int p = 0; p < broker.getPartitionsPerTopic(); p++) {
                    request.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            try {
                Map<TopicPartition, Long> result = new HashMap<>();
                admin.listOffsets(request).all().get().forEach((tp, info) -> result.put(tp, info.offset()));
                return result;
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    <T> T withAdmin(java.util.function.Function<org.apache.kafka.clients.admin.Admin, T> action) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            return action.apply(admin);
        }
    }

    /** A participant's stored documents: their journey document and every month document of their events. */
    List<Document> rawJourney(String participantId) {
        int generation = queries.activeGeneration();
        List<Document> docs = new ArrayList<>();
        docs.add(database.getCollection(ProjectionNames.journeys(generation))
                .find(Filters.eq("_id", participantId)).first());
        database.getCollection(ProjectionNames.journeyMonths(generation))
                .find(Filters.eq("participantId", participantId)).sort(new Document("_id", 1)).into(docs);
        return docs;
    }

    Map<String, Document> projectionDocuments(int generation) {
        Map<String, Document> all = new HashMap<>();
        for (String name : ProjectionNames.allOf(generation)) {
            for (Document doc : database.getCollection(name).find()) {
                all.put(name.replace("_g" + generation, "") + "/" + doc.get("_id"), doc);
            }
        }
        return all;
    }

    /** The JSON of every journey of a generation that the auditor may read, as served over HTTP. */
    Map<String, String> journeysAsRead(int generation, String auditorSubject) {
        Map<String, String> journeys = new HashMap<>();
        for (Document doc : database.getCollection(ProjectionNames.journeys(generation)).find()) {
            String id = doc.getString("_id");
            Reply reply = get("/api/journeys/" + id, TestTokens.practitioner(auditorSubject));
            if (reply.status() == 200) {
                journeys.put(id, reply.body());
            }
        }
        return journeys;
    }

    List<ConsumerRecord<String, byte[]>> deadLettersWithKey(String key, int expected) {
        return recordsWithKey(DEAD_LETTERS, key, expected);
    }

    /** The records of a topic with the given key, from the beginning, once {@code expected} are there (or 30 s). */
    List<ConsumerRecord<String, byte[]>> recordsWithKey(String topic, String key, int expected) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "reader-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (found.size() < expected && System.currentTimeMillis() < deadline) {
                // As a consumer with the keys reads them (outcomes are sealed with the participant's key).
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(org.tend.plumbing.messaging.SealedRecords.opened(r, keys).orElse(r));
                    }
                });
            }
            return found;
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    /** The audit entries in the service's outbox by this actor (about this participant, when given). */
    List<org.bson.Document> auditOf(String actorId, String participantId) {
        var filter = participantId == null ? com.mongodb.client.model.Filters.eq("actorId", actorId)
                : com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.eq("actorId", actorId),
                        com.mongodb.client.model.Filters.eq("participantId", participantId));
        return database.getCollection(org.tend.plumbing.audit.AuditOutbox.COLLECTION).find(filter)
                .into(new java.util.ArrayList<>());
    }

    static void assertForbidden(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    Reply get(String path, String token) {
        return exchange("GET", path, TestTokens.bearer(token));
    }

    Reply exchange(String method, String path, String authorization) {
        return exchange(method, path, authorization, null);
    }

    Reply exchange(String method, String path, String authorization, String jsonBody) {
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port).build();
        var request = http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path);
        if (!authorization.isEmpty()) {
            request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (jsonBody != null) {
            request = ((RestClient.RequestBodySpec) request)
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(jsonBody);
        }
        return request.exchange((req, res) -> new Reply(res.getStatusCode().value(),
                String.valueOf(res.getHeaders().getContentType()), res.getHeaders().getFirst(HttpHeaders.LOCATION),
                new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    record Reply(int status, String contentType, String location, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    static List<String> list(String... values) {
        return Arrays.asList(values);
    }

    /** The service's OpenAPI document describes every controller operation, with its roles and problems. */
    @Test
    void everyControllerOperationIsInTheApiDocument() {
        org.tend.testsupport.ApiDocsCheck.assertEveryOperationDocumented(context, port);
    }
}
