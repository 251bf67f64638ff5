package org.tend.insights.query;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.tend.insights.privacy.NoiseState;

/**
 * The noise drawn for each measure of each programme in noise mode ({@code noise_states}), kept so that a new plan
 * (new data, a restart) keeps every draw whose true value did not change: a second, independent draw of the same
 * value could be averaged with the first. It holds true values: it is never shown.
 */
public final class NoiseStates {

    static final String COLLECTION = "noise_states";

    private final MongoDatabase db;

    public NoiseStates(MongoDatabase db) {
        this.db = db;
    }

    public NoiseState of(String programmeId, String measure) {
        Document doc = db.getCollection(COLLECTION).find(Filters.eq("_id", programmeId + "/" + measure)).first();
        if (doc == null) {
            return NoiseState.empty();
        }
        Map<String, NoiseState.Draw> draws = new LinkedHashMap<>();
        for (Document d : doc.getList("draws", Document.class)) {
            draws.put(d.getString("id"), new NoiseState.Draw(d.getLong("trueValue"), d.getString("scale"),
                    d.getLong("noise")));
        }
        return NoiseState.of(draws);
    }

    public void save(String programmeId, String measure, NoiseState state) {
        if (state.draws().isEmpty()) {
            return;
        }
        List<Document> draws = new ArrayList<>();
        state.draws().forEach((id, d) -> draws.add(new Document("id", id).append("trueValue", d.trueValue())
                .append("scale", d.scale()).append("noise", d.noise())));
        String id = programmeId + "/" + measure;
        db.getCollection(COLLECTION).replaceOne(Filters.eq("_id", id), new Document("_id", id).append("draws", draws),
                new ReplaceOptions().upsert(true));
    }
}
