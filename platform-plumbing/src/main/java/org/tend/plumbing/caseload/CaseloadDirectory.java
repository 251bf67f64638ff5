package org.tend.plumbing.caseload;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.store.Upserts;
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
                .type(EventTypes.PRACTITIONER_UNASSIGNED_V1, Unassigned.class);
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
        } else {
            return false;
        }
        return true;
    }

    /** Also learned from any record that proves an enrolment (a completed assessment names its programme). */
    public void enrol(String participantId, String programmeId) {
        Upserts.addToSet(enrolments, participantId, storage.programmesField(), programmeId);
    }

    /** The programmes the participant is enrolled in; empty when they are not known as enrolled. */
    public List<String> programmesOf(String participantId) {
        Document doc = enrolments.find(eq("_id", participantId)).first();
        return doc == null ? List.of() : List.copyOf(doc.getList(storage.programmesField(), String.class, List.of()));
    }

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
