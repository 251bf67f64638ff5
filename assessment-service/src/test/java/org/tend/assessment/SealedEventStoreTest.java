package org.tend.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tend.assessment.domain.assessment.AssessmentCompleted;
import org.tend.assessment.domain.enrolment.ParticipantEnrolled;
import org.tend.assessment.domain.safety.SafetyConcernRaised;
import org.tend.keys.ParticipantKeys;
import org.tend.keys.SealedFields;
import org.tend.testsupport.TestTokens;

/**
 * Crypto-shredding in the event store: what assessment-service stores about a participant's answers, scores, bands and
 * cohort is sealed with that participant's own key, so the store's documents (and every backup or copy of them) do not
 * hold it in the clear; the service itself reads it as before; and once the key is destroyed, every stored event reads
 * with those values gone.
 */
class SealedEventStoreTest extends ServiceTestSupport {

    @Autowired
    ParticipantKeys keys;
    @Autowired
    EventStore events;

    @Test
    void answersScoresBandsAndCohortAreSealedInTheStoreAndReadAsNothingOnceTheKeyIsDestroyed() {
        String programmeId = newProgramme();
        String subject = unique("sealed");
        String token = TestTokens.participant(subject);
        post("/api/enrolments", token, Map.of("enrolmentCode", enrolmentCode(programmeId), "consent", true,
                "department", "finance")).expect(201);
        String participantId = pseudonym(subject);
        // A partial answer, then a completed PHQ-9 with item 9 positive (a safety concern) and a known total of 19.
        String assessmentId = post("/api/assessments", token, Map.of("instrumentId", "phq-9", "answers",
                Map.of("phq9-1", 3))).expect(201).json().path("assessmentId").asText();
        post("/api/assessments/" + assessmentId + "/submission", token, Map.of()).expect(422);
        put("/api/assessments/" + assessmentId + "/answers", token,
                Map.of("answers", phq9(3, 3, 3, 2, 2, 2, 2, 1, 1))).expect(200);
        JsonNode result = post("/api/assessments/" + assessmentId + "/submission", token, Map.of()).expect(200).json();
        assertThat(result.path("score").asInt()).isEqualTo(19);
        assertThat(result.path("band").path("code").asText()).isEqualTo("moderately-severe");

        List<Document> stored = new ArrayList<>();
        mongo.getDatabase(database).getCollection("domainevents").find().forEach(d -> {
            if (String.valueOf(d.get("serializedPayload")).contains(participantId)) {
                stored.add(d);
            }
        });
        assertThat(stored).extracting(d -> d.getString("payloadType")).contains(
                ParticipantEnrolled.class.getName(), AssessmentCompleted.class.getName(),
                SafetyConcernRaised.class.getName());
        for (Document document : stored) {
            String payload = String.valueOf(document.get("serializedPayload"));
            assertThat(payload).as(document.getString("payloadType"))
                    .doesNotContain("finance", "phq9-1", "moderately", "phq-9.item-9", "\"answers\"", "\"score\"",
                            "\"rawScore\"", "\"band\"", "\"bandLabel\"", "\"department\"", "\"rule\"");
            if (List.of(ParticipantEnrolled.class.getName(), AssessmentCompleted.class.getName(),
                    SafetyConcernRaised.class.getName()).contains(document.getString("payloadType"))) {
                assertThat(payload).contains(SealedFields.SEALED);
            }
        }
        // The service reads its own events as before: the result and the enrolment still show.
        assertThat(get("/api/assessments/" + assessmentId, token).expect(200).json().path("score").asInt())
                .isEqualTo(19);
        assertThat(get("/api/enrolments/me", token).expect(200).json().path("department").asText())
                .isEqualTo("finance");

        keys.erase(participantId);

        AssessmentCompleted completed = only(events.readEvents(assessmentId), AssessmentCompleted.class);
        assertThat(completed.assessmentId()).isEqualTo(assessmentId);
        assertThat(completed.instrumentId()).as("what happened stays readable").isEqualTo("phq-9");
        assertThat(completed.answers()).as("what it said does not").isEmpty();
        assertThat(completed.score()).isZero();
        assertThat(completed.band()).isNull();
        assertThat(only(events.readEvents(participantId), ParticipantEnrolled.class).department()).isNull();
    }

    private static <T> T only(DomainEventStream stream, Class<T> type) {
        List<T> found = new ArrayList<>();
        stream.asStream().map(m -> m.getPayload()).filter(type::isInstance).map(type::cast).forEach(found::add);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
