package org.tend.progress.query;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.tend.plumbing.store.Upserts;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.plumbing.projection.Projection;
import org.tend.progress.domain.CatalogueEntry.InterventionPublished;
import org.tend.progress.domain.Fact;
import org.tend.progress.domain.JourneyEvent;
import org.tend.progress.domain.JourneyEvent.AssessmentCompleted;
import org.tend.progress.domain.JourneyEvent.ParticipantEnrolled;
import org.tend.plumbing.programme.ProgrammeSettingsDirectory;
import org.tend.progress.domain.ProgrammeEvent.PractitionerAssigned;
import org.tend.progress.domain.ProgrammeEvent.PractitionerUnassigned;
import org.tend.progress.domain.ProgrammeEvent.ProgrammeCreated;

/**
 * Writes changes into one or more generations of the projection. Changes are first folded per document: every event
 * of one participant's month (intervention, programme) in a batch becomes one {@code $set} of its {@code events.<id>}
 * keys, so a batch costs one write per document touched, not one per event (mongo-java-server's H2 backend does only
 * a few thousand upserts per second: engineering notes §15).
 *
 * <p>A journey is a small participant document ({@code journeys}: the programmes, and the months that hold events)
 * and one document per calendar month of its events ({@code journeymonths}). A store rewrites a whole document on
 * every change, so a new result costs what its month holds, not what the whole journey holds: one very active
 * participant's long history does not make each of their updates slower, nor grow a document without bound.
 *
 * <p>Every write sets keys named by event id (or by practitioner id) to values that depend only on that event:
 * applying a record twice, or records in any order, leaves the same document. That is what makes the live consumer
 * idempotent and lets a rebuild overlap with it.
 */
public final class ProjectionWriter {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoDatabase database;
    private final Set<Integer> indexed = ConcurrentHashMap.newKeySet();
    private final AfterErasure afterErasure;

    /** What happens once a participant's journeys, months and memberships are gone from every generation written. */
    @FunctionalInterface
    public interface AfterErasure {
        /** Nothing more (benchmarks and tests of the journeys alone). */
        AfterErasure NOTHING = (participantId, erasureId) -> { };

        /** Forgets the participant in the service's other stores and confirms the erasure into its report. */
        void erased(String participantId, String erasureId);
    }

    /** A writer that does nothing after an erasure but delete the journeys (benchmarks, tests of the journeys). */
    public ProjectionWriter(MongoDatabase database) {
        this(database, AfterErasure.NOTHING);
    }

    public ProjectionWriter(MongoDatabase database, AfterErasure afterErasure) {
        this.database = database;
        this.afterErasure = afterErasure;
    }

    /** What a write cost: events applied and documents written (per generation). */
    public record Summary(int events, int documents) {
    }

    /** Folds and writes a batch into every given generation. */
    public Summary apply(List<ReceivedEvent<?>> events, Collection<Integer> generations) {
        Fold fold = new Fold();
        events.forEach(fold::add);
        return write(fold, generations);
    }

    /** Writes a fold into every given generation, as upserts. */
    public Summary write(Fold fold, Collection<Integer> generations) {
        if (fold.events == 0) {
            return new Summary(0, 0);
        }
        forgetErased(fold, generations);
        for (int generation : generations) {
            upsert(database.getCollection(ProjectionNames.journeys(generation)), fold.journeys);
            upsert(database.getCollection(ProjectionNames.journeyMonths(generation)), fold.months);
            upsert(members(generation), fold.members);
            upsert(database.getCollection(ProjectionNames.interventions(generation)), fold.interventions);
            upsert(database.getCollection(ProjectionNames.programmes(generation)), fold.programmes);
        }
        return fold.summary();
    }

    /**
     * Writes a fold into a generation being rebuilt. A journey or month document this writer has not written before
     * ({@code written} does not hold its id) is inserted whole, which the store does for about half the cost of an
     * upsert; if it exists already (the live listener wrote it meanwhile) the insert fails on the unique id and it is
     * upserted instead. Documents written before are upserted. {@code written} is updated.
     */
    public Summary writeFresh(Fold fold, int generation, Set<String> written) {
        if (fold.events == 0) {
            return new Summary(0, 0);
        }
        forgetErased(fold, List.of(generation));
        insertOrUpsert(database.getCollection(ProjectionNames.journeys(generation)), fold.journeys, written);
        insertOrUpsert(database.getCollection(ProjectionNames.journeyMonths(generation)), fold.months, written);
        insertOrUpsert(members(generation), fold.members, written);
        upsert(database.getCollection(ProjectionNames.interventions(generation)), fold.interventions);
        upsert(database.getCollection(ProjectionNames.programmes(generation)), fold.programmes);
        return fold.summary();
    }

    /**
     * Erasure in the projection. The batch's erasures are recorded in each generation's {@code erased} collection and
     * the participants' journeys, months and memberships deleted; then the batch leaves out everything about anyone
     * erased in any of the generations, now or before: in a rebuild the erasure (on the assessment topic) may be read
     * before the person's goal or catalogue records, and a record may be published late. So no write brings an
     * erased participant back, and a rebuild from offset 0 ends with no trace of them but the retired pseudonym.
     */
    private void forgetErased(Fold fold, Collection<Integer> generations) {
        Set<String> participants = fold.participants();
        if (participants.isEmpty()) {
            return;
        }
        Set<String> erased = new HashSet<>(fold.erased.keySet());
        for (int generation : generations) {
            MongoCollection<Document> known = database.getCollection(ProjectionNames.erased(generation));
            for (Map.Entry<String, ProjectionEvents.Erased> erasure : fold.erased.entrySet()) {
                known.updateOne(Filters.eq("_id", erasure.getKey()), new Document("$setOnInsert",
                        new Document("erasedAt", erasure.getValue().erasedAt().toString())), UPSERT);
                database.getCollection(ProjectionNames.journeys(generation))
                        .deleteOne(Filters.eq("_id", erasure.getKey()));
                database.getCollection(ProjectionNames.journeyMonths(generation))
                        .deleteMany(Filters.eq("participantId", erasure.getKey()));
                members(generation).deleteMany(Filters.eq("participantId", erasure.getKey()));
            }
            for (Document doc : known.find(Filters.in("_id", participants))) {
                erased.add(doc.getString("_id"));
            }
        }
        fold.erased.values().forEach(e -> afterErasure.erased(e.participantId(), e.erasureId()));
        fold.drop(erased);
    }

    private static void insertOrUpsert(MongoCollection<Document> collection, Map<String, Document> sets,
                                       Set<String> written) {
        List<Document> inserts = new ArrayList<>();
        Map<String, Document> upserts = new LinkedHashMap<>();
        for (Map.Entry<String, Document> entry : sets.entrySet()) {
            if (written.add(entry.getKey())) {
                inserts.add(whole(entry.getKey(), entry.getValue()));
            } else {
                upserts.put(entry.getKey(), entry.getValue());
            }
        }
        if (!inserts.isEmpty()) {
            try {
                collection.insertMany(inserts, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (!Upserts.isDuplicateKey(error)) {
                        throw e;
                    }
                    String id = inserts.get(error.getIndex()).getString("_id");
                    upserts.put(id, sets.get(id));
                }
            }
        }
        upsert(collection, upserts);
    }

    /**
     * A generation's programme members, with the index on {@code programmeId} a practitioner's list is read by (made
     * once per generation this writer writes; making an index that exists changes nothing).
     */
    private MongoCollection<Document> members(int generation) {
        MongoCollection<Document> members = database.getCollection(ProjectionNames.journeyMembers(generation));
        if (indexed.add(generation)) {
            members.createIndex(Indexes.ascending("programmeId"));
        }
        return members;
    }

    /** The document that a {@code $set} of dotted keys would make from nothing. */
    private static Document whole(String id, Document set) {
        Document doc = new Document("_id", id);
        for (Map.Entry<String, Object> field : set.entrySet()) {
            String key = field.getKey();
            int dot = key.indexOf('.');
            if (dot < 0) {
                doc.put(key, field.getValue());
            } else {
                Document parent = doc.get(key.substring(0, dot), Document.class);
                if (parent == null) {
                    parent = new Document();
                    doc.put(key.substring(0, dot), parent);
                }
                parent.put(key.substring(dot + 1), field.getValue());
            }
        }
        return doc;
    }

    private static void upsert(MongoCollection<Document> collection, Map<String, Document> sets) {
        if (sets.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> models = new ArrayList<>(sets.size());
        for (Map.Entry<String, Document> entry : sets.entrySet()) {
            models.add(new UpdateOneModel<>(Filters.eq("_id", entry.getKey()), new Document("$set", entry.getValue()),
                    UPSERT));
        }
        try {
            collection.bulkWrite(models, UNORDERED);
        } catch (MongoBulkWriteException e) {
            // Two writers upserting the same new journey at once (the live listener and a rebuild's insert): the
            // loser's upsert fails on the unique _id. The document exists now, and every change is an idempotent
            // $set, so writing the batch again applies what failed and repeats harmlessly what did not.
            if (e.getWriteErrors().stream().allMatch(Upserts::isDuplicateKey)) {
                collection.bulkWrite(models, UNORDERED);
            } else {
                throw e;
            }
        }
    }

    /** Changes folded per document as they come: what one bulk write per collection will set. */
    public static final class Fold implements Projection.Batch {
        final Map<String, Document> journeys = new LinkedHashMap<>();
        final Map<String, Document> months = new LinkedHashMap<>();
        final Map<String, Document> members = new LinkedHashMap<>();
        final Map<String, Document> interventions = new LinkedHashMap<>();
        final Map<String, Document> programmes = new LinkedHashMap<>();
        final List<Fact> completed = new ArrayList<>();
        /** The erasures of this batch, by participant. */
        final Map<String, ProjectionEvents.Erased> erased = new LinkedHashMap<>();
        private int events;

        /** Adds one received event; an event of a type the projection does not keep changes nothing. */
        @Override
        public void add(ReceivedEvent<?> event) {
            Object data = event.data();
            String key = ProjectionNames.eventKey(event.id());
            if (data instanceof JourneyEvent journeyEvent) {
                String participantId = journeyEvent.participantId();
                String month = ProjectionNames.month(journeyEvent.time());
                // Every value below depends only on this event: the writes stay idempotent and order-free.
                Document set = journeys.computeIfAbsent(participantId, k -> new Document());
                set.put("months." + month, true);
                months.computeIfAbsent(ProjectionNames.monthId(participantId, month),
                                k -> new Document("participantId", participantId).append("month", month))
                        .put("events." + key, ProjectionEvents.encode(event));
                if (journeyEvent instanceof ParticipantEnrolled enrolled) {
                    set.put("programmeId", enrolled.programmeId());
                    member(enrolled.programmeId(), participantId);
                } else if (journeyEvent instanceof AssessmentCompleted assessment) {
                    // Every programme the participant is in, so a practitioner's list finds them by any of them.
                    member(assessment.programmeId(), participantId);
                    completed.add(new Fact(event.id(), assessment));
                }
            } else if (data instanceof ProjectionEvents.Erased e) {
                erased.put(e.participantId(), e);
                drop(Set.of(e.participantId()));
            } else if (data instanceof InterventionPublished published) {
                interventions.computeIfAbsent(published.interventionId(), k -> new Document())
                        .put("versions." + key, ProjectionEvents.encode(event));
            } else if (data instanceof ProgrammeCreated created) {
                Document set = programmes.computeIfAbsent(created.programmeId(), k -> new Document());
                set.put("organisationId", created.organisationId());
                set.put("minimumGroupSize", created.minimumGroupSize());
                set.put("createdAt", created.createdAt().toString());
            } else if (data instanceof ProgrammeSettingsDirectory.SettingsChanged settings) {
                // Every version kept by event: the newest by changedAt is read, whatever order they came in.
                programmes.computeIfAbsent(settings.programmeId(), k -> new Document())
                        .put("settings." + key, ProjectionEvents.encode(event));
            } else if (data instanceof PractitionerAssigned assigned) {
                // Practitioner ids are pseudonyms ('p_' + base32, checked by the contract): safe as field names.
                programmes.computeIfAbsent(assigned.programmeId(), k -> new Document())
                        .put("practitioners." + assigned.practitionerId(), assigned.assignedAt().toString());
            } else if (data instanceof PractitionerUnassigned unassigned) {
                // Null rather than removed: the writes are $set-only; a programme's events come in order (one key),
                // so a later assignment sets the field again.
                programmes.computeIfAbsent(unassigned.programmeId(), k -> new Document())
                        .put("practitioners." + unassigned.practitionerId(), null);
            } else {
                return;
            }
            events++;
        }

        /** Every participant this batch touches. */
        Set<String> participants() {
            Set<String> ids = new HashSet<>(journeys.keySet());
            ids.addAll(erased.keySet());
            return ids;
        }

        /**
         * Leaves out everything this batch would write about these participants (erased, now or before): their
         * journeys, months, memberships and completed assessments (so no outcome of theirs is classified again).
         */
        void drop(Set<String> participantIds) {
            if (participantIds.isEmpty()) {
                return;
            }
            journeys.keySet().removeAll(participantIds);
            months.values().removeIf(set -> participantIds.contains(set.getString("participantId")));
            members.values().removeIf(set -> participantIds.contains(set.getString("participantId")));
            completed.removeIf(fact -> fact.event() instanceof AssessmentCompleted a
                    && participantIds.contains(a.participantId()));
        }

        private void member(String programmeId, String participantId) {
            members.computeIfAbsent(ProjectionNames.memberId(programmeId, participantId),
                    k -> new Document("programmeId", programmeId).append("participantId", participantId));
        }

        @Override
        public int events() {
            return events;
        }

        @Override
        public boolean isEmpty() {
            return events == 0;
        }

        /** The completed assessments folded, as the facts the journeys keep them as (event id, event). */
        public List<Fact> completedAssessments() {
            return List.copyOf(completed);
        }

        Summary summary() {
            return new Summary(events, journeys.size() + months.size() + members.size() + interventions.size()
                    + programmes.size() + erased.size());
        }
    }
}
