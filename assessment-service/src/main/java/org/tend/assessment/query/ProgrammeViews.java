package org.tend.assessment.query;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.programme.EnrolmentCodeSet;
import org.tend.assessment.domain.programme.PractitionerAssigned;
import org.tend.assessment.domain.programme.PractitionerInvited;
import org.tend.assessment.domain.programme.PractitionerUnassigned;
import org.tend.assessment.domain.programme.ProgrammeCreated;

/**
 * The programme list for administrators, and where each access code leads: a code's hash → its programme (and, for
 * an invitation, the invitation). The lookup only finds the programme; the programme's aggregate decides whether the
 * code still admits (a rotated enrolment code, a used, revoked or expired invitation). Upserts keyed by id: replaying
 * an event changes nothing.
 */
@Component
@ProcessingGroup(AssessmentViews.PROCESSING_GROUP)
public class ProgrammeViews {

    public record ProgrammeSummary(String programmeId, String organisationId, String name, int minimumGroupSize,
                                   int practitionerCount, Instant createdAt) {
    }

    /** Where a code leads. */
    public record CodeTarget(String programmeId, String invitationId) {
    }

    private final MongoCollection<Document> programmes;
    private final MongoCollection<Document> codes;

    public ProgrammeViews(MongoDatabase database) {
        this.programmes = database.getCollection("programmes");
        this.codes = database.getCollection("access_codes");
    }

    @EventHandler
    void on(ProgrammeCreated event) {
        programmes.updateOne(eq("_id", event.programmeId()), combine(
                set("organisationId", event.organisationId()),
                set("name", event.name()),
                set("minimumGroupSize", event.minimumGroupSize()),
                set("createdAt", BsonTimes.date(event.createdAt()))), new UpdateOptions().upsert(true));
        if (event.enrolmentCodeHash() != null) {
            code(event.enrolmentCodeHash(), event.programmeId(), null);
        }
    }

    @EventHandler
    void on(EnrolmentCodeSet event) {
        code(event.codeHash(), event.programmeId(), null);
    }

    @EventHandler
    void on(PractitionerInvited event) {
        code(event.codeHash(), event.programmeId(), event.invitationId());
    }

    @EventHandler
    void on(PractitionerUnassigned event) {
        programmes.updateOne(eq("_id", event.programmeId()), pull("practitioners", event.practitionerId()));
    }

    private void code(String hash, String programmeId, String invitationId) {
        codes.updateOne(eq("_id", hash), combine(set("programmeId", programmeId), set("invitationId", invitationId)),
                new UpdateOptions().upsert(true));
    }

    /** Where the code with this hash leads; empty for a code no programme ever issued. */
    public Optional<CodeTarget> findCode(String hash) {
        Document doc = codes.find(eq("_id", hash)).first();
        return doc == null ? Optional.empty()
                : Optional.of(new CodeTarget(doc.getString("programmeId"), doc.getString("invitationId")));
    }

    @EventHandler
    void on(PractitionerAssigned event) {
        programmes.updateOne(eq("_id", event.programmeId()), addToSet("practitioners", event.practitionerId()),
                new UpdateOptions().upsert(true));
    }

    public List<ProgrammeSummary> all() {
        List<ProgrammeSummary> all = new ArrayList<>();
        for (Document doc : programmes.find().sort(Sorts.ascending("createdAt"))) {
            if (doc.getString("organisationId") == null) {
                continue; // an assignment seen before its creation cannot happen in one stream; be safe anyway
            }
            all.add(new ProgrammeSummary(doc.getString("_id"), doc.getString("organisationId"), doc.getString("name"),
                    doc.getInteger("minimumGroupSize", 0), doc.getList("practitioners", String.class, List.of()).size(),
                    BsonTimes.instant(doc, "createdAt")));
        }
        return all;
    }

    public boolean contains(String programmeId) {
        return programmes.find(eq("_id", programmeId)).first() != null;
    }
}
