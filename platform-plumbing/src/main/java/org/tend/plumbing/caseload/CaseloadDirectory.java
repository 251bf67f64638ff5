package org.tend.plumbing.caseload;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
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

    private final MongoCollection<Document> enrolments;
    private final MongoCollection<Document> assignments;

    public CaseloadDirectory(MongoDatabase database) {
        this.enrolments = database.getCollection("caseload_enrolments");
        this.assignments = database.getCollection("caseload_assignments");
        assignments.createIndex(Indexes.ascending("practitioners"));
    }

    /** Adds the two event types the directory learns from to a consumer's inbound edge. */
    public static InboundEvents.Builder reads(InboundEvents.Builder inbound) {
        return inbound.type(EventTypes.PARTICIPANT_ENROLLED_V1, Enrolled.class)
                .type(EventTypes.PRACTITIONER_ASSIGNED_V1, Assigned.class);
    }

    /** Records what an event of {@link #reads} says; false for any other data. */
    public boolean apply(Object data) {
        if (data instanceof Enrolled e) {
            enrol(e.participantId(), e.programmeId());
        } else if (data instanceof Assigned a) {
            Upserts.addToSet(assignments, a.programmeId(), "practitioners", a.practitionerId());
        } else {
            return false;
        }
        return true;
    }

    /** Also learned from any record that proves an enrolment (a completed assessment names its programme). */
    public void enrol(String participantId, String programmeId) {
        Upserts.addToSet(enrolments, participantId, "programmes", programmeId);
    }

    /** The programmes the participant is enrolled in; empty when they are not known as enrolled. */
    public List<String> programmesOf(String participantId) {
        Document doc = enrolments.find(eq("_id", participantId)).first();
        return doc == null ? List.of() : List.copyOf(doc.getList("programmes", String.class, List.of()));
    }

    /** The programmes a practitioner serves. */
    public Set<String> programmesServedBy(String practitionerId) {
        Set<String> programmes = new TreeSet<>();
        for (Document doc : assignments.find(eq("practitioners", practitionerId))) {
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
