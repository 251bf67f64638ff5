package org.tend.insights.query;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

/**
 * Which generation of the kept events is served ({@code projection_state}: {@code {_id: "insights", active: N}};
 * generation 1 until a rebuild switched to another). Every read and write of {@link FactStore} names a generation,
 * so that the shared rebuild mechanism (progress-service's, moving to the plumbing) can fill N+1 from offset 0 and
 * switch in one step.
 */
public final class Generations {

    static final String STATE = "projection_state";
    static final String ID = "insights";

    private final MongoDatabase db;

    public Generations(MongoDatabase db) {
        this.db = db;
    }

    /** The generation reads are served from and the live listener writes to. */
    public int active() {
        Document state = db.getCollection(STATE).find(Filters.eq("_id", ID)).first();
        return state == null || state.getInteger("active") == null ? 1 : state.getInteger("active");
    }
}
