package org.tend.progress.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tend.contracts.ContractValidator;
import org.tend.plumbing.messaging.MalformedEventException;
import org.tend.progress.TestEvents;
import org.bson.Document;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.progress.domain.CatalogueEntry.InterventionPublished;
import org.tend.progress.domain.Journey.Cohort;
import org.tend.progress.domain.Journey.ScoreRange;
import org.tend.progress.domain.JourneyEvent;
import org.tend.progress.domain.ProgrammeEvent;

/** Every kept type is read through the typed edge into progress-service's own record, and kept and read back alike. */
class ProjectionEventsTest {

    static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String PAT = "p_pppppppppppppppppppppppppp";
    static final String PROGRAMME = "0b6c2f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";
    static final String ASSESSMENT = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
    static final String GOAL = "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9";
    static final Instant AT = Instant.parse("2025-04-02T10:15:30.123456Z");

    static final ContractValidator CONTRACTS = ContractValidator.load();
    final ProjectionEvents events = new ProjectionEvents(CONTRACTS);

    static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> record) {
        return TestEvents.consumed(record, 0);
    }

    static Stream<Arguments> keptEvents() {
        return Stream.of(
                Arguments.of(TestEvents.enrolled(ALICE, PROGRAMME, "finance", AT),
                        new JourneyEvent.ParticipantEnrolled(ALICE, PROGRAMME, new Cohort("finance"), true, AT)),
                Arguments.of(TestEvents.enrolled(ALICE, PROGRAMME, null, AT),
                        new JourneyEvent.ParticipantEnrolled(ALICE, PROGRAMME, new Cohort(null), true, AT)),
                Arguments.of(TestEvents.assessmentCompleted(ALICE, PROGRAMME, ASSESSMENT, "phq-9", 14, "moderate", AT),
                        new JourneyEvent.AssessmentCompleted(ASSESSMENT, ALICE, PROGRAMME, "phq-9", "1", 14,
                                new ScoreRange(0, 27), "moderate", AT)),
                Arguments.of(TestEvents.recommendationsIssued(ALICE, ASSESSMENT, "moderate", "step-2",
                                List.of("cbt", "mbsr"), AT),
                        new JourneyEvent.RecommendationsIssued(ALICE, ASSESSMENT, "phq-9", "moderate", "step-2",
                                List.of(new JourneyEvent.Recommended("cbt", 1, "nice-first-line-for-band"),
                                        new JourneyEvent.Recommended("mbsr", 2, "nice-first-line-for-band")), AT)),
                Arguments.of(TestEvents.goalSet(ALICE, GOAL, "cbt", AT),
                        new JourneyEvent.GoalSet(GOAL, ALICE, "cbt", "gbo-0-10", "participant", AT)),
                Arguments.of(TestEvents.goalRated(ALICE, GOAL, 7, AT),
                        new JourneyEvent.GoalProgressRated(GOAL, ALICE, 7, "participant", AT, null, null)),
                Arguments.of(TestEvents.goalRated(ALICE, GOAL, 7, 3, AT),
                        new JourneyEvent.GoalProgressRated(GOAL, ALICE, 7, "participant", AT, 3, null)),
                Arguments.of(TestEvents.attainmentScaleDefined(ALICE, GOAL, 3, -2, AT),
                        new JourneyEvent.AttainmentScaleDefined(GOAL, ALICE, 3, -2, AT)),
                Arguments.of(TestEvents.goalAttainmentRated(ALICE, GOAL, 2, AT),
                        new JourneyEvent.GoalAttainmentRated(GOAL, ALICE, 2, "practitioner", AT, null)),
                Arguments.of(TestEvents.goalAttainmentRated(ALICE, GOAL, 2, 70.0, AT),
                        new JourneyEvent.GoalAttainmentRated(GOAL, ALICE, 2, "practitioner", AT, 70.0)),
                Arguments.of(TestEvents.interventionPublished("cbt", "Cognitive behavioural therapy", 3, AT),
                        new InterventionPublished("cbt", "Cognitive behavioural therapy", "3", AT)),
                Arguments.of(TestEvents.programmeCreated(PROGRAMME, 6, AT),
                        new ProgrammeEvent.ProgrammeCreated(PROGRAMME, "7d1c4f52-3a43-4e51-9a3e-0c6f1f1b2a10", 6, AT)),
                Arguments.of(TestEvents.practitionerAssigned(PROGRAMME, PAT, AT),
                        new ProgrammeEvent.PractitionerAssigned(PROGRAMME, PAT, AT)));
    }

    @ParameterizedTest(name = "{index}: {1}")
    @MethodSource("keptEvents")
    void readsEveryKeptTypeAndKeepsItExactly(ProducerRecord<String, byte[]> record, Object expected) {
        // The fixtures are what the other services publish: valid against the contracts.
        assertThat(CONTRACTS.validate(TestEvents.header(record, "ce_type"), record.value())).isEmpty();

        ReceivedEvent<?> event = events.inbound().read(consumed(record)).orElseThrow();

        assertThat(event.id()).isEqualTo(TestEvents.header(record, "ce_id"));
        assertThat(event.data()).isEqualTo(expected);
        // Kept in a document and read back: the same record, times to the nanosecond.
        Document kept = Document.parse(ProjectionEvents.encode(event).toJson());
        Object reread = expected instanceof InterventionPublished
                ? events.catalogueEntry(kept).orElseThrow().published()
                : expected instanceof JourneyEvent ? events.fact(kept).orElseThrow().event() : expected;
        assertThat(reread).isEqualTo(expected);
    }

    @Test
    void ignoresTheAnonymousSafetyConcernAndUnknownTypes() {
        ProducerRecord<String, byte[]> unknown = TestEvents.goalRated(ALICE, GOAL, 3, AT);
        unknown.headers().remove("ce_type");
        unknown.headers().add(new RecordHeader("ce_type", "tend.goal.goal-progress-rated.v9".getBytes()));
        ProducerRecord<String, byte[]> safety = TestEvents.goalRated(ALICE, GOAL, 3, AT);
        safety.headers().remove("ce_type");
        safety.headers().add(new RecordHeader("ce_type",
                "tend.assessment.safety-concern-raised.v1".getBytes()));

        assertThat(events.inbound().read(consumed(unknown))).isEmpty();
        assertThat(events.inbound().read(consumed(safety))).isEmpty();
    }

    static Stream<Arguments> poison() {
        return Stream.of(
                Arguments.of("not a CloudEvent", new ProducerRecord<>("tend.goal.events", ALICE,
                        "{\"rating\":3}".getBytes(StandardCharsets.UTF_8)), "not a CloudEvents record"),
                Arguments.of("a login subject where a pseudonym belongs",
                        TestEvents.goalRatedByLoginSubject(ALICE, AT), "participantId"),
                Arguments.of("data that is not JSON", withValue(TestEvents.goalRated(ALICE, GOAL, 3, AT),
                        "rating: 3"), "not JSON"),
                Arguments.of("a missing time", withValue(TestEvents.goalRated(ALICE, GOAL, 3, AT),
                        "{\"goalId\":\"" + GOAL + "\",\"participantId\":\"" + ALICE + "\",\"rating\":3}"),
                        "ratedAt"),
                Arguments.of("a time that is not ISO-8601", withValue(TestEvents.goalSet(ALICE, GOAL, "cbt", AT),
                        "{\"goalId\":\"" + GOAL + "\",\"participantId\":\"" + ALICE
                                + "\",\"interventionId\":\"cbt\",\"setAt\":\"yesterday\"}"), "setAt"),
                Arguments.of("a rating out of 0-10", withValue(TestEvents.goalRated(ALICE, GOAL, 3, AT),
                        "{\"goalId\":\"" + GOAL + "\",\"participantId\":\"" + ALICE
                                + "\",\"rating\":11,\"ratedAt\":\"2025-01-01T00:00:00Z\"}"), "rating"),
                Arguments.of("a GAS level out of -2..+2", withValue(TestEvents.goalAttainmentRated(ALICE, GOAL, 1, AT),
                        "{\"goalId\":\"" + GOAL + "\",\"participantId\":\"" + ALICE
                                + "\",\"level\":3,\"ratedAt\":\"2025-01-01T00:00:00Z\"}"), "level"),
                Arguments.of("a GAS weight out of 1-10", withValue(
                        TestEvents.attainmentScaleDefined(ALICE, GOAL, 1, -1, AT),
                        "{\"goalId\":\"" + GOAL + "\",\"participantId\":\"" + ALICE
                                + "\",\"weight\":0,\"baselineLevel\":-1,\"definedAt\":\"2025-01-01T00:00:00Z\"}"),
                        "weight"),
                Arguments.of("a GAS baseline that is not -2 or -1", withValue(
                        TestEvents.attainmentScaleDefined(ALICE, GOAL, 1, -1, AT),
                        "{\"goalId\":\"" + GOAL + "\",\"participantId\":\"" + ALICE
                                + "\",\"weight\":2,\"baselineLevel\":0,\"definedAt\":\"2025-01-01T00:00:00Z\"}"),
                        "baselineLevel"),
                Arguments.of("a score that is not a number", withValue(
                        TestEvents.assessmentCompleted(ALICE, PROGRAMME, ASSESSMENT, "phq-9", 1, "minimal", AT),
                        "{\"assessmentId\":\"" + ASSESSMENT + "\",\"participantId\":\"" + ALICE
                                + "\",\"instrumentId\":\"phq-9\",\"totalScore\":\"high\",\"band\":\"severe\","
                                + "\"completedAt\":\"2025-01-01T00:00:00Z\"}"), "totalScore"),
                Arguments.of("recommendations without their list", withValue(
                        TestEvents.recommendationsIssued(ALICE, ASSESSMENT, "mild", "step-2", List.of("cbt"), AT),
                        "{\"participantId\":\"" + ALICE + "\",\"issuedAt\":\"2025-01-01T00:00:00Z\"}"),
                        "recommendations"),
                Arguments.of("a practitioner id that is not a pseudonym", withValue(
                        TestEvents.practitionerAssigned(PROGRAMME, PAT, AT),
                        "{\"programmeId\":\"" + PROGRAMME + "\",\"practitionerId\":\"practitioners.$evil\","
                                + "\"assignedAt\":\"2025-01-01T00:00:00Z\"}"), "practitionerId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poison")
    void aRecordThatCanNeverBeAppliedIsMalformed(String name, ProducerRecord<String, byte[]> record, String reason) {
        assertThatThrownBy(() -> events.inbound().read(consumed(record)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining(reason);
    }

    private static ProducerRecord<String, byte[]> withValue(ProducerRecord<String, byte[]> record, String json) {
        return new ProducerRecord<>(record.topic(), null, record.key(), json.getBytes(StandardCharsets.UTF_8),
                record.headers());
    }
}
