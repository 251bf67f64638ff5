package org.tend.goal.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.addToSet;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.util.Collection;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which practitioners serve each programme, learned from {@code tend.assessment.practitioner-assigned.v1}: one
 * document per programme with the set of practitioner ids.
 */
@Component
public class PractitionerAssignments {

    static final String COLLECTION = "practitioner_assignments";

    private final MongoCollection<Document> assignments;

    public PractitionerAssignments(MongoDatabase database) {
        this.assignments = database.getCollection(COLLECTION);
    }

    public void record(String programmeId, String practitionerId) {
        assignments.updateOne(eq("_id", programmeId), addToSet("practitioners", practitionerId),
                new UpdateOptions().upsert(true));
    }

    public boolean isAssignedToAny(String practitionerId, Collection<String> programmeIds) {
        if (programmeIds.isEmpty()) {
            return false;
        }
        return assignments.find(and(in("_id", programmeIds), eq("practitioners", practitionerId)))
                .limit(1).first() != null;
    }
}
