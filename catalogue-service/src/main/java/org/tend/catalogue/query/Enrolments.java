package org.tend.catalogue.query;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * This service's own copy of which programmes each participant is enrolled in (learned from assessment-service's
 * events). Adding to a set keyed by participant: a record seen twice changes nothing.
 */
@Component
public class Enrolments {

    static final String COLLECTION = "enrolments";

    private final MongoCollection<Document> enrolments;

    public Enrolments(MongoDatabase database) {
        this.enrolments = database.getCollection(COLLECTION);
    }

    public void enrol(String participantId, String programmeId) {
        addToSet(enrolments, participantId, "programmeIds", programmeId);
    }

    public List<String> programmesOf(String participantId) {
        Document doc = enrolments.find(eq("_id", participantId)).first();
        return doc == null ? List.of() : doc.getList("programmeIds", String.class, List.of());
    }

    /** Two first upserts of one id can race; the loser's insert hits the _id and simply updates on a retry. */
    static void addToSet(MongoCollection<Document> collection, String id, String field, String value) {
        try {
            collection.updateOne(eq("_id", id), Updates.addToSet(field, value), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (!Upserts.isDuplicateKey(e)) {
                throw e;
            }
            collection.updateOne(eq("_id", id), Updates.addToSet(field, value));
        }
    }
}
