package org.tend.progress.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.contracts.EventTypes.*;

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
import org.tend.contracts.ContractValidator;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.progress.domain.CatalogueEntry.InterventionPublished;
import org.tend.progress.domain.Fact;
import org.tend.progress.domain.Journey.Cohort;
import org.tend.progress.domain.Journey.ScoreRange;
import org.tend.progress.domain.JourneyEvent.AssessmentCompleted;
import org.tend.progress.domain.JourneyEvent.AttainmentScaleDefined;
import org.tend.progress.domain.JourneyEvent.GoalAttainmentRated;
import org.tend.progress.domain.JourneyEvent.GoalProgressRated;
import org.tend.progress.domain.JourneyEvent.GoalSet;
import org.tend.progress.domain.JourneyEvent.ParticipantEnrolled;
import org.tend.progress.domain.JourneyEvent.RecommendationsIssued;
import org.tend.progress.domain.JourneyEvent.Recommended;
import org.tend.progress.domain.ProgrammeEvent;

class ProjectionWriterTest {

    static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String BOB = "p_bbbbbbbbbbbbbbbbbbbbbbbbbb";
    static final String PAT = "p_pppppppppppppppppppppppppp";
    static final String PROGRAMME = "0b6c2f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    static final ProjectionEvents EVENTS = new ProjectionEvents(ContractValidator.load());

    static List<ReceivedEvent<?>> history() {
        List<ReceivedEvent<?>> changes = new ArrayList<>();
        changes.add(received("e1", PARTICIPANT_ENROLLED_V1, new ParticipantEnrolled(ALICE, PROGRAMME, new Cohort("ops"),
                true, T0)));
        changes.add(received("e2", ASSESSMENT_COMPLETED_V1, new AssessmentCompleted("a1", ALICE, PROGRAMME, "phq-9",
                "1", 12, new ScoreRange(0, 27), "moderate", T0.plusSeconds(60))));
        changes.add(received("e3", GOAL_SET_V1, new GoalSet("g1", ALICE, "cbt", "gbo-0-10", "participant",
                T0.plusSeconds(120))));
        changes.add(received("e4", GOAL_PROGRESS_RATED_V1, new GoalProgressRated("g1", ALICE, 4, "participant",
                T0.plusSeconds(180), null, null)));
        changes.add(received("e5", PARTICIPANT_ENROLLED_V1, new ParticipantEnrolled(BOB, PROGRAMME, new Cohort(null),
                true, T0)));
        changes.add(received("e6", RECOMMENDATIONS_ISSUED_V1, new RecommendationsIssued(BOB, "a9", "phq-9", "mild",
                "step-2", List.of(new Recommended("mbsr", 1, "fit")), T0.plusSeconds(5))));
        changes.add(received("e7", INTERVENTION_PUBLISHED_V1, new InterventionPublished("cbt", "CBT", "1", T0)));
        changes.add(received("e8", INTERVENTION_PUBLISHED_V1, new InterventionPublished("cbt", "CBT (v2)", "2",
                T0.plusSeconds(1))));
        changes.add(received("e9", PROGRAMME_CREATED_V1, new ProgrammeEvent.ProgrammeCreated(PROGRAMME, "org", 6, T0)));
        changes.add(received("e10", PRACTITIONER_ASSIGNED_V1,
                new ProgrammeEvent.PractitionerAssigned(PROGRAMME, PAT, T0)));
        // An id that cannot be a field name is kept under a digest.
        changes.add(received("odd.id$", GOAL_PROGRESS_RATED_V1, new GoalProgressRated("g7", BOB, 2, null,
                T0.plusSeconds(9), 1, null)));
        return changes;
    }

    /** An event as the typed edge delivers it. */
    static ReceivedEvent<?> received(String id, String type, Object data) {
        return new ReceivedEvent<>(id, type, "/tend/test", T0, null, data, "tend.test.events", 0, 0);
    }

    static ReceivedEvent<?> erased(String participantId, Instant at) {
        return received("x-" + participantId, PARTICIPANT_ERASED_V1, new ProjectionEvents.Erased(participantId,
                java.util.UUID.nameUUIDFromBytes(participantId.getBytes()).toString(), at));
    }

    /**
     * An erasure deletes the journey, its months and memberships; nothing written afterwards (a record from another
     * topic read later in a rebuild, a record published late) brings the person back; everyone else is untouched.
     */
    @Test
    void anErasedParticipantLeavesNoJourneyAndNoLaterRecordBringsThemBack() {
        MongoDatabase db = TestDatabases.fresh();
        org.tend.plumbing.outbox.EventOutbox outbox = new org.tend.plumbing.outbox.EventOutbox(db,
                org.tend.plumbing.erasure.ErasureConfirmations.OUTBOX);
        org.tend.plumbing.erasure.ErasureConfirmations confirmations =
                new org.tend.plumbing.erasure.ErasureConfirmations(outbox, java.time.Clock.systemUTC());
        ProjectionWriter writer = new ProjectionWriter(db, (participantId, erasureId) -> confirmations.confirm(
                erasureId, org.tend.contracts.ErasureStores.PROGRESS_JOURNEYS));
        JourneyQueries queries = new JourneyQueries(db, EVENTS);
        writer.apply(history(), List.of(1));
        assertThat(queries.find(1, ALICE)).isPresent();
        assertThat(outbox.unsent(10)).as("nothing to confirm yet").isEmpty();

        ReceivedEvent<?> erasure = erased(ALICE, T0.plusSeconds(600));
        writer.apply(List.of(erasure), List.of(1));
        assertThat(queries.find(1, ALICE)).isEmpty();
        // Confirmed into the erasure's report, naming the erasure and the store, never the person.
        assertThat(outbox.unsent(10)).singleElement().satisfies(entry -> {
            assertThat(entry.event().key()).isEqualTo(((ProjectionEvents.Erased) erasure.data()).erasureId());
            assertThat(entry.event().data().toString()).contains("progress-service/journeys").doesNotContain(ALICE);
        });
        assertThat(queries.journeysIn(1, List.of(PROGRAMME))).extracting(StoredJourney::participantId)
                .containsExactly(BOB);
        assertThat(db.getCollection(ProjectionNames.journeyMonths(1)).countDocuments(
                new Document("participantId", ALICE))).isZero();

        ProjectionWriter.Fold late = new ProjectionWriter.Fold();
        late.add(received("e40", GOAL_PROGRESS_RATED_V1, new GoalProgressRated("g1", ALICE, 9, "participant",
                T0.plusSeconds(700), 5, null)));
        late.add(received("e41", ASSESSMENT_COMPLETED_V1, new AssessmentCompleted("a2", ALICE, PROGRAMME, "phq-9",
                "1", 3, new ScoreRange(0, 27), "minimal", T0.plusSeconds(700))));
        writer.write(late, List.of(1));
        assertThat(queries.find(1, ALICE)).as("a late record").isEmpty();
        assertThat(late.completedAssessments()).as("nothing of theirs is classified again").isEmpty();

        // A rebuild that reads the erasure before the person's goal records (another topic) ends the same way.
        List<ReceivedEvent<?>> rebuilt = new ArrayList<>(history());
        rebuilt.add(0, erased(ALICE, T0.plusSeconds(600)));
        ProjectionWriter.Fold first = new ProjectionWriter.Fold();
        rebuilt.subList(0, 2).forEach(first::add);
        ProjectionWriter.Fold rest = new ProjectionWriter.Fold();
        rebuilt.subList(2, rebuilt.size()).forEach(rest::add);
        java.util.Set<String> written = new java.util.HashSet<>();
        writer.writeFresh(first, 2, written);
        writer.writeFresh(rest, 2, written);
        assertThat(queries.find(2, ALICE)).isEmpty();
        assertThat(queries.find(2, BOB)).isPresent();
        for (String collection : ProjectionNames.allOf(2)) {
            if (!collection.equals(ProjectionNames.erased(2))) {
                db.getCollection(collection).find().forEach(doc -> assertThat(doc.toJson()).as(collection)
                        .doesNotContain(ALICE));
            }
        }
    }

    @Test
    void anUnassignedPractitionerNoLongerFindsTheProgrammeUntilAssignedAgain() {
        MongoDatabase db = TestDatabases.fresh();
        ProjectionWriter writer = new ProjectionWriter(db);
        JourneyQueries queries = new JourneyQueries(db, EVENTS);
        writer.apply(history(), List.of(1));
        assertThat(queries.programmesAssignedTo(1, PAT)).containsExactly(PROGRAMME);

        writer.apply(List.of(received("u1", PRACTITIONER_UNASSIGNED_V1,
                new ProgrammeEvent.PractitionerUnassigned(PROGRAMME, PAT, T0.plusSeconds(60)))), List.of(1));
        assertThat(queries.programmesAssignedTo(1, PAT)).isEmpty();

        // In one batch too: the later event wins.
        writer.apply(List.of(received("a2", PRACTITIONER_ASSIGNED_V1,
                        new ProgrammeEvent.PractitionerAssigned(PROGRAMME, PAT, T0.plusSeconds(120))),
                received("u2", PRACTITIONER_UNASSIGNED_V1,
                        new ProgrammeEvent.PractitionerUnassigned(PROGRAMME, PAT, T0.plusSeconds(180))),
                received("a3", PRACTITIONER_ASSIGNED_V1,
                        new ProgrammeEvent.PractitionerAssigned(PROGRAMME, PAT, T0.plusSeconds(240)))), List.of(1));
        assertThat(queries.programmesAssignedTo(1, PAT)).containsExactly(PROGRAMME);
    }

    @Test
    void aBatchIsFoldedIntoOneUpsertPerDocument() {
        ProjectionWriter.Fold fold = new ProjectionWriter.Fold();
        history().forEach(fold::add);

        assertThat(fold.journeys).containsOnlyKeys(ALICE, BOB);
        assertThat(fold.journeys.get(ALICE)).containsOnlyKeys("months.2025-03", "programmeId");
        assertThat(fold.members).containsOnlyKeys(ProjectionNames.memberId(PROGRAMME, ALICE),
                ProjectionNames.memberId(PROGRAMME, BOB));
        assertThat(fold.months).containsOnlyKeys(ALICE + "|2025-03", BOB + "|2025-03");
        assertThat(fold.months.get(ALICE + "|2025-03")).containsOnlyKeys("participantId", "month", "events.e1",
                "events.e2", "events.e3", "events.e4");
        assertThat(fold.interventions).containsOnlyKeys("cbt");
        assertThat(fold.programmes).containsOnlyKeys(PROGRAMME);
        assertThat(new ProjectionWriter(TestDatabases.fresh()).apply(history(), List.of(1)))
                .isEqualTo(new ProjectionWriter.Summary(11, 8));
    }

    @Test
    void theWrittenDocumentsHoldEveryEventAndReadBack() {
        MongoDatabase db = TestDatabases.fresh();
        new ProjectionWriter(db).apply(history(), List.of(1));

        JourneyQueries queries = new JourneyQueries(db, EVENTS);
        StoredJourney alice = queries.find(1, ALICE).orElseThrow();
        assertThat(alice.programmeId()).isEqualTo(PROGRAMME);
        assertThat(alice.facts()).extracting(Fact::eventId).containsExactlyInAnyOrder("e1", "e2", "e3", "e4");
        assertThat(alice.facts()).contains(new Fact("e2", new AssessmentCompleted("a1", ALICE, PROGRAMME, "phq-9",
                "1", 12, new ScoreRange(0, 27), "moderate", T0.plusSeconds(60))));
        assertThat(queries.find(1, BOB).orElseThrow().facts()).extracting(Fact::eventId)
                .contains("odd.id$");
        assertThat(queries.interventionNames(1, List.of("cbt", "mbsr"))).isEqualTo(Map.of("cbt", "CBT (v2)"));
        assertThat(queries.programmesAssignedTo(1, PAT)).containsExactly(PROGRAMME);
        assertThat(queries.find(1, "p_cccccccccccccccccccccccccc")).isEmpty();
    }

    @Test
    void attainmentFactsReadBackAndAPractitionersParticipantsAreFoundByAnyOfTheirProgrammes() {
        String other = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
        String carol = "p_cccccccccccccccccccccccccc";
        MongoDatabase db = TestDatabases.fresh();
        List<ReceivedEvent<?>> changes = new ArrayList<>(history());
        changes.add(received("e20", ATTAINMENT_SCALE_DEFINED_V1, new AttainmentScaleDefined("g1", ALICE, 3, -2,
                T0.plusSeconds(200))));
        changes.add(received("e21", GOAL_ATTAINMENT_RATED_V1, new GoalAttainmentRated("g1", ALICE, 1, "practitioner",
                T0.plusSeconds(300), 60.0)));
        // Carol's enrolment has not arrived: an assessment taken in the other programme places her there.
        changes.add(received("e22", ASSESSMENT_COMPLETED_V1, new AssessmentCompleted("a2", carol, other, "gad-7",
                "1", 9, new ScoreRange(0, 21), "mild", T0)));
        changes.add(received("e23", PRACTITIONER_ASSIGNED_V1,
                new ProgrammeEvent.PractitionerAssigned(other, PAT, T0)));
        new ProjectionWriter(db).apply(changes, List.of(1));

        JourneyQueries queries = new JourneyQueries(db, EVENTS);
        assertThat(queries.find(1, ALICE).orElseThrow().facts()).contains(
                new Fact("e20", new AttainmentScaleDefined("g1", ALICE, 3, -2, T0.plusSeconds(200))),
                new Fact("e21", new GoalAttainmentRated("g1", ALICE, 1, "practitioner", T0.plusSeconds(300), 60.0)));
        assertThat(queries.programmesAssignedTo(1, PAT)).containsExactly(PROGRAMME, other);
        assertThat(queries.programmesAssignedTo(1, "p_qqqqqqqqqqqqqqqqqqqqqqqqqq")).isEmpty();
        assertThat(queries.journeysIn(1, List.of(PROGRAMME))).extracting(StoredJourney::participantId)
                .containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(queries.journeysIn(1, List.of(other))).extracting(StoredJourney::participantId)
                .containsExactly(carol);
        assertThat(queries.journeysIn(1, List.of())).isEmpty();
        // Found through the members' index on programmeId, not by reading every journey.
        assertThat(db.getCollection(ProjectionNames.journeyMembers(1)).listIndexes().into(new ArrayList<>()))
                .anyMatch(index -> index.get("key", Document.class).containsKey("programmeId"));
    }

    /**
     * A very active participant: a result every 6 hours for a year. Their events are kept a month to a document, a new
     * result rewrites only the document of its own month (the fold of one result holds that month alone), and the
     * journey still reads back whole.
     */
    @Test
    void aLongJourneyIsKeptAMonthToADocumentAndANewResultRewritesOnlyItsMonth() {
        MongoDatabase db = TestDatabases.fresh();
        ProjectionWriter writer = new ProjectionWriter(db);
        List<ReceivedEvent<?>> year = new ArrayList<>();
        year.add(history().get(0));
        for (int i = 0; i < 4 * 365; i++) {
            year.add(received("r" + i, ASSESSMENT_COMPLETED_V1, new AssessmentCompleted("x" + i, ALICE, PROGRAMME,
                    "phq-9", "1", i % 28, new ScoreRange(0, 27), "moderate", T0.plusSeconds(6 * 3600L * i))));
        }
        for (int i = 0; i < year.size(); i += 100) {
            writer.apply(year.subList(i, Math.min(year.size(), i + 100)), List.of(1));
        }

        // Events per month document (its id names the month): 2025-03 to 2026-03, none over a month's worth.
        Map<String, Integer> months = new HashMap<>();
        db.getCollection(ProjectionNames.journeyMonths(1)).find()
                .forEach(month -> months.put(month.getString("_id"), month.get("events", Document.class).size()));
        assertThat(months).hasSize(13);
        assertThat(months.values()).allSatisfy(events -> assertThat(events).isBetween(1, 4 * 31 + 1));
        assertThat(db.getCollection(ProjectionNames.journeys(1)).find().first().get("months", Document.class)
                .keySet()).hasSize(13);

        ProjectionWriter.Fold next = new ProjectionWriter.Fold();
        next.add(received("last", ASSESSMENT_COMPLETED_V1, new AssessmentCompleted("last", ALICE, PROGRAMME, "phq-9",
                "1", 3, new ScoreRange(0, 27), "minimal", T0.plusSeconds(6 * 3600L * 4 * 365))));
        assertThat(next.months).containsOnlyKeys(ALICE + "|2026-03");
        assertThat(next.journeys.get(ALICE)).containsOnlyKeys("months.2026-03");
        assertThat(writer.write(next, List.of(1))).isEqualTo(new ProjectionWriter.Summary(1, 3));

        StoredJourney alice = new JourneyQueries(db, EVENTS).find(1, ALICE).orElseThrow();
        assertThat(alice.facts()).hasSize(4 * 365 + 2);
        assertThat(alice.programmeId()).isEqualTo(PROGRAMME);
    }

    @Test
    void everyTargetGenerationGetsTheSameDocuments() {
        MongoDatabase db = TestDatabases.fresh();
        new ProjectionWriter(db).apply(history(), List.of(3, 4));

        assertThat(documents(db, 3)).isEqualTo(documents(db, 4)).hasSize(8);
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
        List<ReceivedEvent<?>> shuffled = new ArrayList<>(history());
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

        List<ReceivedEvent<?>> all = history();
        for (List<ReceivedEvent<?>> part : List.of(all.subList(0, 5), all.subList(5, all.size()), all)) {
            ProjectionWriter.Fold fold = new ProjectionWriter.Fold();
            part.forEach(fold::add);
            writer.writeFresh(fold, 1, written);
        }

        assertThat(written).containsExactlyInAnyOrder(ALICE, BOB, ALICE + "|2025-03", BOB + "|2025-03",
                ProjectionNames.memberId(PROGRAMME, ALICE), ProjectionNames.memberId(PROGRAMME, BOB));
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
