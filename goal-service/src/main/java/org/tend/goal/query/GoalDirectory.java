package org.tend.goal.query;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Whose goal a goal id is: lets a practitioner rate a goal knowing only its id. */
@Component
public class GoalDirectory {

    static final String COLLECTION = "goal_directory";

    private final MongoCollection<Document> goals;

    public GoalDirectory(MongoDatabase database) {
        this.goals = database.getCollection(COLLECTION);
    }

    void record(String goalId, String participantId) {
        goals.updateOne(eq("_id", goalId), set("participantId", participantId), new UpdateOptions().upsert(true));
    }

    /** The participant was erased: their goals leave the directory. */
    public void forget(String participantId) {
        goals.deleteMany(eq("participantId", participantId));
    }

    public Optional<String> ownerOf(String goalId) {
        Document doc = goals.find(eq("_id", goalId)).first();
        return Optional.ofNullable(doc).map(d -> d.getString("participantId"));
    }
}
