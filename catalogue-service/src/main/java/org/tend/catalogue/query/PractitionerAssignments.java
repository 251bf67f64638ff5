package org.tend.catalogue.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which practitioners serve which programme (learned from {@code practitioner-assigned}), and so whom a
 * practitioner may see: participants enrolled in a programme they are assigned to.
 */
@Component
public class PractitionerAssignments {

    static final String COLLECTION = "programme_practitioners";

    private final MongoCollection<Document> programmes;
    private final Enrolments enrolments;

    public PractitionerAssignments(MongoDatabase database, Enrolments enrolments) {
        this.programmes = database.getCollection(COLLECTION);
        this.enrolments = enrolments;
    }

    public void assign(String programmeId, String practitionerId) {
        Enrolments.addToSet(programmes, programmeId, "practitionerIds", practitionerId);
    }

    public boolean maySee(String practitionerId, String participantId) {
        List<String> programmeIds = enrolments.programmesOf(participantId);
        return !programmeIds.isEmpty()
                && programmes.find(and(in("_id", programmeIds), eq("practitionerIds", practitionerId))).first() != null;
    }
}
