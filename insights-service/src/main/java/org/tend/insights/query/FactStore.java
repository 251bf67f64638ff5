package org.tend.insights.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.tend.insights.domain.InsightEvent;
import org.tend.insights.domain.ParticipantFacts;
import org.tend.insights.domain.ProgrammeFacts;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.plumbing.projection.Projection;

/**
 * The events insights keeps, one document per participant, programme and intervention, in the collections of one
 * generation ({@code participants_g<N>}, {@code programmes_g<N>}, {@code interventions_g<N>}). Every read and write
 * names its generation, so that a rebuild ({@link InsightsProjection}, the plumbing's rebuild machinery) can fill
 * generation N+1 from offset 0 while N is served.
 *
 * <p>Every write is a {@code $set} of {@code events.<event id>} with upsert: a duplicate record sets the same key to
 * the same value (idempotent by construction), and no order is assumed (facts are sorted when read). Enrolments,
 * assessments and outcomes also set {@code programmes.<programmeId>: true}, by which a programme finds its participants.
 */
public final class FactStore {

    /** The base of the participants' collections: {@code participants_g<N>}. */
    static final String PARTICIPANTS = "participants";
    /** The base of the programmes' collections. */
    static final String PROGRAMMES = "programmes";
    /** The base of the interventions' collections. */
    static final String INTERVENTIONS = "interventions";
    /** The base of the collections of erased participants ({@code {_id: pseudonym, erasedAt}}, nothing else). */
    static final String ERASED = "erased";
    /**
     * The write counters, one document per generation ({@code {_id: <generation>, writes, erasures: {<programme>:
     * n}}}: write batches, and per programme those that erased someone in it), outside the generations:
     * shared by every instance, and never dropped with a generation (its number is never used again, so a counter
     * left behind is a few bytes that nothing reads).
     */
    static final String WRITES = "fact_writes";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoDatabase db;
    private final InsightEvents events;

    public FactStore(MongoDatabase db, InsightEvents events) {
        this.db = db;
        this.events = events;
    }

    static String participants(int generation) {
        return Projection.collection(PARTICIPANTS, generation);
    }

    static String programmes(int generation) {
        return Projection.collection(PROGRAMMES, generation);
    }

    static String interventions(int generation) {
        return Projection.collection(INTERVENTIONS, generation);
    }

    static String erased(int generation) {
        return Projection.collection(ERASED, generation);
    }

    /**
     * The count of write batches any instance made into a generation, read from the store (one document by its id):
     * plans computed from the generation before a write are outdated after it, whichever instance wrote it. Per
     * generation, so that a rebuild filling the next generation does not outdate the plans of the served one (they
     * would be made again on every request for as long as the rebuild runs).
     */
    public Changes changes(int generation) {
        Document doc = db.getCollection(WRITES).find(Filters.eq("_id", generation)).first();
        if (doc == null) {
            return new Changes(0, Map.of());
        }
        Number writes = doc.get("writes", Number.class);
        Map<String, Long> erasures = new HashMap<>();
        if (doc.get("erasures") instanceof Document per) {
            per.forEach((programme, n) -> erasures.put(programme, ((Number) n).longValue()));
        }
        return new Changes(writes == null ? 0 : writes.longValue(), erasures);
    }

    /**
     * How often a generation was written: write batches, and per programme those that erased someone in it (plans
     * made before an erasure hold the person's facts and are not kept in memory after it, on any instance).
     */
    public record Changes(long writes, Map<String, Long> erasures) {

        public long erasuresIn(String programmeId) {
            return erasures.getOrDefault(programmeId, 0L);
        }
    }

    /**
     * Raises the generation's write counter, after the batch's writes: a question that reads the counter before it
     * may already see the new facts (its plans are made again needlessly once), one that reads it after sees them.
     */
    private void counted(int generation, Set<String> erasedFrom) {
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.inc("writes", 1L));
        erasedFrom.forEach(programme -> updates.add(Updates.inc("erasures." + programme, 1L)));
        db.getCollection(WRITES).updateOne(Filters.eq("_id", generation), Updates.combine(updates), UPSERT);
    }

    /**
     * Keeps the events in the generation's collections: one upsert per event, grouped per collection. An erasure
     * deletes the participant's document and marks them erased in the generation ({@code erased_g<N>}), and no event
     * about an erased participant is kept again, whether it arrives late or a rebuild reads it from offset 0.
     *
     * @return the documents written (one per event: each is its own {@code $set}; one per erasure)
     */
    public int apply(List<ReceivedEvent<?>> received, int generation) {
        Set<String> erasedNow = erasedIn(received);
        Set<String> erased = new HashSet<>(erasedNow);
        erased.addAll(alreadyErased(received, erasedNow, generation));
        Map<String, List<WriteModel<Document>>> writes = new LinkedHashMap<>();
        for (ReceivedEvent<?> event : received) {
            if (!(event.data() instanceof InsightEvent data)
                    || (data.participant() != null && erased.contains(data.participant()))) {
                continue; // the erasure itself included: it is written below, as a deletion and a mark
            }
            Bson set = Updates.set("events." + InsightEvents.key(event.id()), InsightEvents.encode(event));
            if (data instanceof InsightEvent.ProgrammeCreated p) {
                add(writes, programmes(generation), p.programmeId(),
                        Updates.combine(set, Updates.set("organisationId", p.organisationId())));
            } else if (data instanceof InsightEvent.InterventionPublished i) {
                add(writes, interventions(generation), i.interventionId(), set);
            } else if (programmeOf(data) != null) {
                // Enrolments, assessments and outcomes also say which programme the participant is in.
                add(writes, participants(generation), data.participant(),
                        Updates.combine(set, Updates.set("programmes." + programmeOf(data), true)));
            } else {
                add(writes, participants(generation), data.participant(), set);
            }
        }
        for (ReceivedEvent<?> event : received) {
            if (event.data() instanceof InsightEvent.ParticipantErased e) {
                writes.computeIfAbsent(participants(generation), c -> new ArrayList<>())
                        .add(new DeleteOneModel<>(Filters.eq("_id", e.participantId())));
                add(writes, erased(generation), e.participantId(), Updates.setOnInsert("erasedAt",
                        java.util.Date.from(e.erasedAt())));
            }
        }
        if (writes.isEmpty()) {
            return 0; // nothing kept, nothing outdated
        }
        // The programmes whose plans hold the people erased now, read before their documents go.
        Set<String> erasedFrom = erasedNow.isEmpty() ? Set.of() : programmesOf(erasedNow, generation);
        int documents = 0;
        try {
            for (Map.Entry<String, List<WriteModel<Document>>> batch : writes.entrySet()) {
                db.getCollection(batch.getKey()).bulkWrite(batch.getValue());
                documents += batch.getValue().size();
            }
        } catch (RuntimeException failed) {
            // Also after a write that failed part-way: what it did write outdates the plans all the same.
            try {
                counted(generation, erasedFrom);
            } catch (RuntimeException alsoFailed) {
                failed.addSuppressed(alsoFailed);
            }
            throw failed;
        }
        // If counting fails the batch fails: the listener applies it again (idempotent) and counts it then.
        counted(generation, erasedFrom);
        return documents;
    }

    /** The programme an enrolment, an assessment or an outcome puts the participant in; null for other events. */
    private static String programmeOf(InsightEvent data) {
        if (data instanceof InsightEvent.ParticipantEnrolled e) {
            return e.programmeId();
        } else if (data instanceof InsightEvent.AssessmentCompleted a) {
            return a.programmeId();
        } else if (data instanceof InsightEvent.OutcomeAssessed o) {
            return o.programmeId();
        }
        return null;
    }

    /** The participants the records erase. */
    static Set<String> erasedIn(List<ReceivedEvent<?>> received) {
        Set<String> erased = new HashSet<>();
        for (ReceivedEvent<?> event : received) {
            if (event.data() instanceof InsightEvent.ParticipantErased e) {
                erased.add(e.participantId());
            }
        }
        return erased;
    }

    /** The participants the records are about that an earlier record erased from the generation. */
    private Set<String> alreadyErased(List<ReceivedEvent<?>> received, Set<String> erasedNow, int generation) {
        Set<String> about = new HashSet<>();
        for (ReceivedEvent<?> event : received) {
            if (event.data() instanceof InsightEvent data && data.participant() != null
                    && !erasedNow.contains(data.participant())) {
                about.add(data.participant());
            }
        }
        Set<String> found = new HashSet<>();
        if (!about.isEmpty()) {
            for (Document doc : db.getCollection(erased(generation)).find(Filters.in("_id", about))) {
                found.add(doc.getString("_id"));
            }
        }
        return found;
    }

    /** The programmes the participants are in, in a generation (those not kept there have none). */
    public Set<String> programmesOf(java.util.Collection<String> participants, int generation) {
        Set<String> programmes = new TreeSet<>();
        for (Document doc : db.getCollection(participants(generation)).find(Filters.in("_id", participants))) {
            if (doc.get("programmes") instanceof Document in) {
                programmes.addAll(in.keySet());
            }
        }
        return programmes;
    }

    /** How many documents a collection of a generation holds (for the admin status). */
    public long count(String base, int generation) {
        return db.getCollection(Projection.collection(base, generation)).countDocuments();
    }

    private static void add(Map<String, List<WriteModel<Document>>> writes, String collection, String id, Bson update) {
        writes.computeIfAbsent(collection, c -> new ArrayList<>())
                .add(new UpdateOneModel<>(Filters.eq("_id", id), update, UPSERT));
    }

    /** The programmes of an organisation (by its published id), by programme id; every programme if null. */
    public List<InsightEvent.ProgrammeCreated> programmes(String organisationId, int generation) {
        Bson filter = organisationId == null ? new Document() : Filters.eq("organisationId", organisationId);
        List<InsightEvent.ProgrammeCreated> found = new ArrayList<>();
        for (Document doc : db.getCollection(programmes(generation)).find(filter)) {
            programmeOf(doc).ifPresent(found::add);
        }
        found.sort(java.util.Comparator.comparing(InsightEvent.ProgrammeCreated::programmeId));
        return found;
    }

    public Optional<InsightEvent.ProgrammeCreated> programme(String programmeId, int generation) {
        Document doc = db.getCollection(programmes(generation)).find(Filters.eq("_id", programmeId)).first();
        return doc == null ? Optional.empty() : programmeOf(doc);
    }

    private Optional<InsightEvent.ProgrammeCreated> programmeOf(Document doc) {
        return decodeAll(doc).stream().filter(InsightEvent.ProgrammeCreated.class::isInstance)
                .map(InsightEvent.ProgrammeCreated.class::cast).findFirst();
    }

    /** Everything the figures of a programme are computed from. */
    public Optional<ProgrammeFacts> facts(String programmeId, int generation) {
        Optional<InsightEvent.ProgrammeCreated> programme = programme(programmeId, generation);
        if (programme.isEmpty()) {
            return Optional.empty();
        }
        List<ParticipantFacts> participants = new ArrayList<>();
        MongoCollection<Document> collection = db.getCollection(participants(generation));
        // An explicit batch size: without one the driver's getMore asks for "the rest", which mongo-java-server sends
        // as one reply, over the driver's 48 MB limit for a programme of a few thousand people (the benchmark saw it).
        for (Document doc : collection.find(Filters.eq("programmes." + programmeId, true)).batchSize(500)) {
            participantIn(programmeId, decodeAll(doc)).ifPresent(participants::add);
        }
        Map<String, InsightEvent.InterventionPublished> catalogue = new HashMap<>();
        for (Document doc : db.getCollection(interventions(generation)).find()) {
            for (InsightEvent e : decodeAll(doc)) {
                if (e instanceof InsightEvent.InterventionPublished i) {
                    catalogue.merge(i.interventionId(), i,
                            (a, b) -> a.publishedAt().isAfter(b.publishedAt()) ? a : b);
                }
            }
        }
        return Optional.of(new ProgrammeFacts(programme.get(), participants, catalogue));
    }

    /** One participant's facts in one programme; empty until their enrolment in it arrived. */
    static Optional<ParticipantFacts> participantIn(String programmeId, List<InsightEvent> kept) {
        InsightEvent.ParticipantEnrolled enrolment = null;
        List<InsightEvent.AssessmentCompleted> assessments = new ArrayList<>();
        Set<String> assessmentsHere = new TreeSet<>();
        Set<String> assessmentsElsewhere = new TreeSet<>();
        List<InsightEvent.GoalSet> goals = new ArrayList<>();
        List<InsightEvent.GoalProgressRated> ratings = new ArrayList<>();
        List<InsightEvent.RecommendationsIssued> recommendations = new ArrayList<>();
        List<InsightEvent.OutcomeAssessed> outcomes = new ArrayList<>();
        List<InsightEvent> consent = new ArrayList<>();
        for (InsightEvent e : kept) {
            if (e instanceof InsightEvent.ParticipantEnrolled en && en.programmeId().equals(programmeId)) {
                enrolment = enrolment == null || en.enrolledAt().isBefore(enrolment.enrolledAt()) ? en : enrolment;
            } else if (e instanceof InsightEvent.AssessmentCompleted a) {
                if (a.programmeId().equals(programmeId)) {
                    assessments.add(a);
                    assessmentsHere.add(a.assessmentId());
                } else {
                    assessmentsElsewhere.add(a.assessmentId());
                }
            } else if (e instanceof InsightEvent.GoalSet g) {
                goals.add(g);
            } else if (e instanceof InsightEvent.ConsentWithdrawn || e instanceof InsightEvent.ConsentRenewed) {
                consent.add(e);
            } else if (e instanceof InsightEvent.GoalProgressRated r) {
                ratings.add(r);
            } else if (e instanceof InsightEvent.RecommendationsIssued r) {
                recommendations.add(r);
            } else if (e instanceof InsightEvent.OutcomeAssessed o && o.programmeId().equals(programmeId)) {
                outcomes.add(o);
            }
        }
        if (enrolment == null) {
            return Optional.empty();
        }
        // A recommendation counts in the programme of the assessment it is based on, when that is known.
        recommendations.removeIf(r -> r.basedOnAssessmentId() != null
                && assessmentsElsewhere.contains(r.basedOnAssessmentId())
                && !assessmentsHere.contains(r.basedOnAssessmentId()));
        return Optional.of(new ParticipantFacts(enrolment, assessments, goals, ratings, recommendations, outcomes,
                consent));
    }

    private List<InsightEvent> decodeAll(Document doc) {
        List<InsightEvent> decoded = new ArrayList<>();
        Object kept = doc.get("events");
        if (kept instanceof Document map) {
            for (Object stored : map.values()) {
                if (stored instanceof Document d) {
                    events.decode(d).ifPresent(decoded::add);
                }
            }
        }
        return decoded;
    }
}
