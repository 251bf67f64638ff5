package org.tend.goal.query;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.addToSet;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which programmes each participant is enrolled in, learned from {@code tend.assessment.participant-enrolled.v1}:
 * one document per participant with the set of programme ids ({@code $addToSet}, so a record seen twice changes
 * nothing).
 */
@Component
public class Enrolments {

    static final String COLLECTION = "enrolments";

    private final MongoCollection<Document> enrolments;

    public Enrolments(MongoDatabase database) {
        this.enrolments = database.getCollection(COLLECTION);
    }

    public void record(String participantId, String programmeId) {
        enrolments.updateOne(eq("_id", participantId), addToSet("programmes", programmeId),
                new UpdateOptions().upsert(true));
    }

    /** The programmes the participant is enrolled in; empty when they are not known as enrolled. */
    public List<String> programmesOf(String participantId) {
        Document doc = enrolments.find(eq("_id", participantId)).first();
        return doc == null ? List.of() : List.copyOf(doc.getList("programmes", String.class, List.of()));
    }
}
