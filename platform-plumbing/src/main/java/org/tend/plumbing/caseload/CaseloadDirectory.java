package org.tend.plumbing.caseload;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.UpdateOptions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.store.Upserts;
import org.tend.plumbing.web.ConflictException;
import org.tend.plumbing.web.ForbiddenException;

/**
 * A consuming service's own copy of who is enrolled in which programme and who serves it, learned from
 * assessment-service's {@code participant-enrolled} and {@code practitioner-assigned} events, and the
 * {@link Caseload} rule applied to it. Adding to sets keyed by participant and by programme: a record seen twice
 * changes nothing, and the two kinds of record may arrive in either order.
 */
public final class CaseloadDirectory {

    /** The fields of {@code participant-enrolled} the directory reads. */
    public record Enrolled(String participantId, String programmeId) {
    }

    /** The fields of {@code practitioner-assigned} the directory reads. */
    public record Assigned(String programmeId, String practitionerId) {
    }

    /** The directory's copy of {@code practitioner-unassigned}. */
    public record Unassigned(String programmeId, String practitionerId) {
    }

    /** The directory's copy of {@code consent-withdrawn}. */
    public record ConsentWithdrawn(String participantId, Instant withdrawnAt) {
    }

    /** The directory's copy of {@code consent-renewed}. */
    public record ConsentRenewed(String participantId, Instant renewedAt) {
    }

    /** The directory's copy of {@code participant-erased}: the service must delete what it holds about them. */
    public record Erased(String participantId, String erasureId, Instant erasedAt) {
    }

    /** Field of a participant's document: when their standing withdrawal of consent was made (absent while given). */
    private static final String WITHDRAWN_AT = "consentWithdrawnAt";
    /** Field of a participant's document: when they were erased (their pseudonym is retired; nothing else is kept). */
    private static final String ERASED_AT = "erasedAt";
    /** Field of a participant's document: when their consent last changed (the newest change wins). */
    private static final String CONSENT_CHANGED_AT = "consentChangedAt";

    /**
     * Where the directory keeps its two sets: a document per participant with the set of their programmes, and one
     * per programme with the set of its practitioners. A service that kept these before keeps its own names, so
     * nothing needs migrating.
     */
    public record Storage(String enrolments, String programmesField, String assignments,
                          String practitionersField) {
        public static final Storage DEFAULT =
                new Storage("caseload_enrolments", "programmes", "caseload_assignments", "practitioners");
    }

    private final MongoCollection<Document> enrolments;
    private final MongoCollection<Document> assignments;
    private final Storage storage;

    public CaseloadDirectory(MongoDatabase database) {
        this(database, Storage.DEFAULT);
    }

    public CaseloadDirectory(MongoDatabase database, Storage storage) {
        this.storage = storage;
        this.enrolments = database.getCollection(storage.enrolments());
        this.assignments = database.getCollection(storage.assignments());
        assignments.createIndex(Indexes.ascending(storage.practitionersField()));
    }

    /**
     * Adds the event types the directory learns from to a consumer's inbound edge. A programme's assignments and
     * unassignments share its key, so they arrive in the order they happened.
     */
    public static InboundEvents.Builder reads(InboundEvents.Builder inbound) {
        return inbound.type(EventTypes.PARTICIPANT_ENROLLED_V1, Enrolled.class)
                .type(EventTypes.PRACTITIONER_ASSIGNED_V1, Assigned.class)
                .type(EventTypes.PRACTITIONER_UNASSIGNED_V1, Unassigned.class)
                .type(EventTypes.CONSENT_WITHDRAWN_V1, ConsentWithdrawn.class)
                .type(EventTypes.CONSENT_RENEWED_V1, ConsentRenewed.class)
                .type(EventTypes.PARTICIPANT_ERASED_V1, Erased.class);
    }

    /** Records what an event of {@link #reads} says; false for any other data. */
    public boolean apply(Object data) {
        if (data instanceof Enrolled e) {
            enrol(e.participantId(), e.programmeId());
        } else if (data instanceof Assigned a) {
            Upserts.addToSet(assignments, a.programmeId(), storage.practitionersField(), a.practitionerId());
        } else if (data instanceof Unassigned u) {
            assignments.updateOne(eq("_id", u.programmeId()), Updates.pull(storage.practitionersField(),
                    u.practitionerId()));
        } else if (data instanceof ConsentWithdrawn w) {
            consentChanged(w.participantId(), w.withdrawnAt(), true);
        } else if (data instanceof ConsentRenewed r) {
            consentChanged(r.participantId(), r.renewedAt(), false);
        } else if (data instanceof Erased e) {
            // Nothing about them is kept but that the pseudonym is retired, so no later record re-enrols them.
            enrolments.replaceOne(eq("_id", e.participantId()),
                    new Document("_id", e.participantId()).append(ERASED_AT, e.erasedAt().toString()),
                    new ReplaceOptions().upsert(true));
        } else {
            return false;
        }
        return true;
    }

    /**
     * The newest change of consent wins, not the last to arrive: a participant's records share a partition, but the
     * forwarder's reconciler may publish a missed record late. A change seen again, or older than the one recorded,
     * changes nothing. (One thread applies a partition's records, so the read and the write do not race.)
     */
    private void consentChanged(String participantId, Instant at, boolean withdrawn) {
        Document doc = enrolments.find(eq("_id", participantId)).first();
        if (doc != null && doc.getString(ERASED_AT) != null) {
            return;
        }
        String last = doc == null ? null : doc.getString(CONSENT_CHANGED_AT);
        if (last != null && !Instant.parse(last).isBefore(at)) {
            return;
        }
        enrolments.updateOne(eq("_id", participantId), Updates.combine(
                withdrawn ? Updates.set(WITHDRAWN_AT, at.toString()) : Updates.unset(WITHDRAWN_AT),
                Updates.set(CONSENT_CHANGED_AT, at.toString())), new UpdateOptions().upsert(true));
    }

    /** Also learned from any record that proves an enrolment (a completed assessment names its programme). */
    public void enrol(String participantId, String programmeId) {
        if (isErased(participantId)) {
            return; // a record published late about someone since erased
        }
        Upserts.addToSet(enrolments, participantId, storage.programmesField(), programmeId);
    }

    /**
     * What the directory holds about one participant, as one read gives it: {@link #isErased}, {@link #programmesOf}
     * and {@link #consentWithdrawnAt} at once.
     */
    public record Standing(boolean erased, List<String> programmes, Optional<Instant> consentWithdrawnAt) {
    }

    /**
     * {@link #enrol} and then the participant's {@link Standing}, in one read where it can: the write is made only
     * when the programme is not yet in their set (and they were not erased), so a record that proves an enrolment
     * already known (every completed assessment does) costs one read instead of {@link #enrol}'s read and write and
     * one more read per question asked after it.
     */
    public Standing enrolAndRead(String participantId, String programmeId) {
        Standing standing = standing(enrolments.find(eq("_id", participantId)).first());
        if (standing.erased() || standing.programmes().contains(programmeId)) {
            return standing;
        }
        Upserts.addToSet(enrolments, participantId, storage.programmesField(), programmeId);
        List<String> programmes = new java.util.ArrayList<>(standing.programmes());
        programmes.add(programmeId);
        return new Standing(false, List.copyOf(programmes), standing.consentWithdrawnAt());
    }

    private Standing standing(Document doc) {
        if (doc == null) {
            return new Standing(false, List.of(), Optional.empty());
        }
        return new Standing(doc.getString(ERASED_AT) != null,
                List.copyOf(doc.getList(storage.programmesField(), String.class, List.of())),
                doc.getString(WITHDRAWN_AT) == null ? Optional.empty()
                        : Optional.of(Instant.parse(doc.getString(WITHDRAWN_AT))));
    }

    /** Whether the participant was erased: the service holds nothing about them and answers 404 for them. */
    public boolean isErased(String participantId) {
        Document doc = enrolments.find(eq("_id", participantId)).first();
        return doc != null && doc.getString(ERASED_AT) != null;
    }

    /** The programmes the participant is enrolled in; empty when they are not known as enrolled. */
    public List<String> programmesOf(String participantId) {
        Document doc = enrolments.find(eq("_id", participantId)).first();
        return doc == null ? List.of() : List.copyOf(doc.getList(storage.programmesField(), String.class, List.of()));
    }

    /** When the participant withdrew the consent that still stands withdrawn; empty while their consent is given. */
    public Optional<Instant> consentWithdrawnAt(String participantId) {
        Document doc = enrolments.find(eq("_id", participantId)).first();
        return doc == null || doc.getString(WITHDRAWN_AT) == null ? Optional.empty()
                : Optional.of(Instant.parse(doc.getString(WITHDRAWN_AT)));
    }

    /**
     * Refuses new data about a participant who has withdrawn consent: 409, field {@code participantId}, rule
     * {@value #CONSENT_WITHDRAWN}. The directory learns of a withdrawal from the stream, a moment after it was made.
     */
    public void requireConsent(String participantId) {
        if (isErased(participantId)) {
            throw new ConflictException("participantId", "erased",
                    "This participant was erased: nothing about them is accepted");
        }
        if (consentWithdrawnAt(participantId).isPresent()) {
            throw new ConflictException("participantId", CONSENT_WITHDRAWN,
                    "The participant has withdrawn their consent: no new data about them is accepted");
        }
    }

    /**
     * {@link #requireConsent}, and the participant is known here as enrolled in a programme: 409 {@code not-enrolled}
     * otherwise (nothing is kept about someone this service does not know as enrolled, who has no key yet either).
     *
     * @param why what the participant would need the enrolment for, said to them
     */
    public void requireEnrolled(String participantId, String why) {
        requireConsent(participantId);
        if (programmesOf(participantId).isEmpty()) {
            throw new ConflictException("participantId", "not-enrolled", why);
        }
    }

    /** The rule of a refusal because the participant withdrew consent. */
    public static final String CONSENT_WITHDRAWN = "consent-withdrawn";

    /** The programmes a practitioner serves. */
    public Set<String> programmesServedBy(String practitionerId) {
        Set<String> programmes = new TreeSet<>();
        for (Document doc : assignments.find(eq(storage.practitionersField(), practitionerId))) {
            programmes.add(doc.getString("_id"));
        }
        return programmes;
    }

    public Caseload.Access access(Caller caller, String participantId) {
        return Caseload.access(caller, participantId, programmesOf(participantId),
                programmesServedBy(caller.pseudonym()));
    }

    /** 403 unless the caller is the participant or a practitioner of theirs; returns how they may reach them. */
    public Caseload.Access require(Caller caller, String participantId) {
        Caseload.Access access = access(caller, participantId);
        if (access == Caseload.Access.NONE) {
            throw new ForbiddenException("the participant is not in a programme this practitioner is assigned to");
        }
        return access;
    }
}
