package org.tend.progress.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.tend.progress.domain.CatalogueEntry;
import org.tend.progress.domain.JourneyEvent;
import org.tend.progress.domain.ProgrammeEvent;

class ProjectionWriterTest {

    static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String BOB = "p_bbbbbbbbbbbbbbbbbbbbbbbbbb";
    static final String PAT = "p_pppppppppppppppppppppppppp";
    static final String PROGRAMME = "0b6c2f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    static List<ProjectionChange> history() {
        List<ProjectionChange> changes = new ArrayList<>();
        changes.add(journey(ALICE, new JourneyEvent.ParticipantEnrolled("e1", T0, PROGRAMME, "ops", true)));
        changes.add(journey(ALICE, new JourneyEvent.AssessmentCompleted("e2", T0.plusSeconds(60), "a1", PROGRAMME,
                "phq-9", "1", 12, 0, 27, "moderate")));
        changes.add(journey(ALICE, new JourneyEvent.GoalSet("e3", T0.plusSeconds(120), "g1", "cbt", "gbo-0-10",
                "participant")));
        changes.add(journey(ALICE, new JourneyEvent.GoalProgressRated("e4", T0.plusSeconds(180), "g1", 4,
                "participant")));
        changes.add(journey(BOB, new JourneyEvent.ParticipantEnrolled("e5", T0, PROGRAMME, null, true)));
        changes.add(journey(BOB, new JourneyEvent.RecommendationsIssued("e6", T0.plusSeconds(5), "a9", "phq-9",
                "mild", "step-2", List.of(new JourneyEvent.Recommended("mbsr", 1, "fit")))));
        changes.add(new ProjectionChange.ToIntervention(new CatalogueEntry("e7", "cbt", "CBT", "1", T0)));
        changes.add(new ProjectionChange.ToIntervention(new CatalogueEntry("e8", "cbt", "CBT (v2)", "2",
                T0.plusSeconds(1))));
        changes.add(new ProjectionChange.ToProgramme(new ProgrammeEvent.ProgrammeCreated(PROGRAMME, "org", 6, T0)));
        changes.add(new ProjectionChange.ToProgramme(new ProgrammeEvent.PractitionerAssigned(PROGRAMME, PAT, T0)));
        // An id that cannot be a field name is kept under a digest.
        changes.add(journey(BOB, new JourneyEvent.GoalProgressRated("odd.id$", T0.plusSeconds(9), "g7", 2, null)));
        return changes;
    }

    static ProjectionChange journey(String participant, JourneyEvent event) {
        return new ProjectionChange.ToJourney(participant, event);
    }

    @Test
    void aBatchIsFoldedIntoOneUpsertPerDocument() {
        ProjectionWriter.Fold fold = new ProjectionWriter.Fold();
        history().forEach(fold::add);

        assertThat(fold.journeys).containsOnlyKeys(ALICE, BOB);
        assertThat(fold.journeys.get(ALICE)).containsKeys("events.e1", "events.e2", "events.e3", "events.e4",
                "programmeId");
        assertThat(fold.interventions).containsOnlyKeys("cbt");
        assertThat(fold.programmes).containsOnlyKeys(PROGRAMME);
        assertThat(new ProjectionWriter(TestDatabases.fresh()).apply(history(), List.of(1)))
                .isEqualTo(new ProjectionWriter.Summary(11, 4));
    }

    @Test
    void theWrittenDocumentsHoldEveryEventAndReadBack() {
        MongoDatabase db = TestDatabases.fresh();
        new ProjectionWriter(db).apply(history(), List.of(1));

        JourneyQueries queries = new JourneyQueries(db);
        StoredJourney alice = queries.find(1, ALICE).orElseThrow();
        assertThat(alice.programmeId()).isEqualTo(PROGRAMME);
        assertThat(alice.events()).extracting(JourneyEvent::eventId).containsExactlyInAnyOrder("e1", "e2", "e3", "e4");
        assertThat(alice.events()).contains(new JourneyEvent.AssessmentCompleted("e2", T0.plusSeconds(60), "a1",
                PROGRAMME, "phq-9", "1", 12, 0, 27, "moderate"));
        assertThat(queries.find(1, BOB).orElseThrow().events()).extracting(JourneyEvent::eventId)
                .contains("odd.id$");
        assertThat(queries.interventionNames(1, List.of("cbt", "mbsr"))).isEqualTo(Map.of("cbt", "CBT (v2)"));
        assertThat(queries.practitionersOf(1, List.of(PROGRAMME))).isEqualTo(Map.of(PROGRAMME, java.util.Set.of(PAT)));
        assertThat(queries.find(1, "p_cccccccccccccccccccccccccc")).isEmpty();
    }

    @Test
    void attainmentFactsReadBackAndAPractitionersParticipantsAreFoundByAnyOfTheirProgrammes() {
        String other = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
        String carol = "p_cccccccccccccccccccccccccc";
        MongoDatabase db = TestDatabases.fresh();
        List<ProjectionChange> changes = new ArrayList<>(history());
        changes.add(journey(ALICE, new JourneyEvent.AttainmentScaleDefined("e20", T0.plusSeconds(200), "g1", 3, -2)));
        changes.add(journey(ALICE, new JourneyEvent.GoalAttainmentRated("e21", T0.plusSeconds(300), "g1", 1,
                "practitioner")));
        // Carol's enrolment has not arrived: an assessment taken in the other programme places her there.
        changes.add(journey(carol, new JourneyEvent.AssessmentCompleted("e22", T0, "a2", other, "gad-7", "1", 9, 0,
                21, "mild")));
        changes.add(new ProjectionChange.ToProgramme(new ProgrammeEvent.PractitionerAssigned(other, PAT, T0)));
        new ProjectionWriter(db).apply(changes, List.of(1));

        JourneyQueries queries = new JourneyQueries(db);
        assertThat(queries.find(1, ALICE).orElseThrow().events()).contains(
                new JourneyEvent.AttainmentScaleDefined("e20", T0.plusSeconds(200), "g1", 3, -2),
                new JourneyEvent.GoalAttainmentRated("e21", T0.plusSeconds(300), "g1", 1, "practitioner"));
        assertThat(queries.programmesAssignedTo(1, PAT)).containsExactly(PROGRAMME, other);
        assertThat(queries.programmesAssignedTo(1, "p_qqqqqqqqqqqqqqqqqqqqqqqqqq")).isEmpty();
        assertThat(queries.journeysIn(1, List.of(PROGRAMME))).extracting(StoredJourney::participantId)
                .containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(queries.journeysIn(1, List.of(other))).extracting(StoredJourney::participantId)
                .containsExactly(carol);
        assertThat(queries.journeysIn(1, List.of())).isEmpty();
    }

    @Test
    void everyTargetGenerationGetsTheSameDocuments() {
        MongoDatabase db = TestDatabases.fresh();
        new ProjectionWriter(db).apply(history(), List.of(3, 4));

        assertThat(documents(db, 3)).isEqualTo(documents(db, 4)).hasSize(4);
    }

    @Test
    void applyingABatchTwiceChangesNothing() {
        MongoDatabase db = TestDatabases.fresh();
        ProjectionWriter writer = new ProjectionWriter(db);
        writer.apply(history(), List.of(1));
        Map<String, Document> once = documents(db, 1);

        writer.apply(history(), List.of(1));
        writer.apply(history().subList(2, 5), List.of(1));

        assertThat(documents(db, 1)).isEqualTo(once);
    }

    /** Any order, any split into batches, with duplicates: the same documents (live and rebuild agree). */
    @Property(tries = 25)
    void theDocumentsDoNotDependOnOrderBatchingOrDuplicates(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6)
            int batchSize) {
        MongoDatabase reference = TestDatabases.fresh();
        new ProjectionWriter(reference).apply(history(), List.of(1));

        Random random = new Random(seed);
        List<ProjectionChange> shuffled = new ArrayList<>(history());
        shuffled.add(shuffled.get(random.nextInt(shuffled.size())));
        Collections.shuffle(shuffled, random);
        MongoDatabase db = TestDatabases.fresh();
        ProjectionWriter writer = new ProjectionWriter(db);
        for (int i = 0; i < shuffled.size(); i += batchSize) {
            writer.apply(shuffled.subList(i, Math.min(shuffled.size(), i + batchSize)), List.of(1));
        }

        assertThat(documents(db, 1)).isEqualTo(documents(reference, 1));
        reference.drop();
        db.drop();
    }

    @Test
    void aRebuildInsertsWhatItHasNotWrittenAndUpsertsTheRestWithTheSameResult() {
        MongoDatabase reference = TestDatabases.fresh();
        new ProjectionWriter(reference).apply(history(), List.of(1));
        MongoDatabase db = TestDatabases.fresh();
        ProjectionWriter writer = new ProjectionWriter(db);
        // The live listener got there first with part of Alice's journey.
        writer.apply(history().subList(1, 2), List.of(1));
        java.util.Set<String> written = new java.util.HashSet<>();

        List<ProjectionChange> all = history();
        for (List<ProjectionChange> part : List.of(all.subList(0, 5), all.subList(5, all.size()), all)) {
            ProjectionWriter.Fold fold = new ProjectionWriter.Fold();
            part.forEach(fold::add);
            writer.writeFresh(fold, 1, written);
        }

        assertThat(written).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(documents(db, 1)).isEqualTo(documents(reference, 1));
    }

    static Map<String, Document> documents(MongoDatabase db, int generation) {
        Map<String, Document> all = new HashMap<>();
        for (String name : ProjectionNames.allOf(generation)) {
            for (Document doc : db.getCollection(name).find()) {
                all.put(name.replace("_g" + generation, "") + "/" + doc.get("_id"), doc);
            }
        }
        return all;
    }
}
