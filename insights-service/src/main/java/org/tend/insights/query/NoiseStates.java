package org.tend.insights.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.tend.insights.privacy.NoiseState;

/**
 * The noise drawn for each measure of each programme in noise mode ({@code noise_states}), kept so that a new plan
 * (new data, a restart) keeps every draw whose true value did not change: a second, independent draw of the same
 * value could be averaged with the first. It holds true values: it is never shown.
 *
 * <p>Several instances plan the same programme, each in its own process, so a state is replaced only by the plan that
 * read it: each document has a {@code version}, and a save names the version its plan was made from (else two
 * instances planning at once would each draw for the same value, and each answer with its own draw). A save also
 * names what the plan was made from ({@link MadeFrom}) and is refused when the stored state was made from newer data:
 * an instance that read the facts before a record arrived must not replace the draws made for the new values with
 * draws for the old ones (the new values would then be drawn again, a second look at them).
 */
public final class NoiseStates {

    static final String COLLECTION = "noise_states";

    /**
     * What a plan was made from: the generation, its write counter, the settings' version and the last closed month
     * (a plan of fewer closed months holds no draws for the later ones, and would drop them).
     */
    public record MadeFrom(int generation, long facts, long settings, YearMonth lastClosed) {

        /** Whether {@code other} was made from what this one did not see: a later generation, write, setting, month. */
        boolean olderThan(MadeFrom other) {
            if (lastClosed.isBefore(other.lastClosed)) {
                return true;
            }
            if (generation != other.generation) {
                return generation < other.generation;
            }
            return facts < other.facts || settings < other.settings;
        }
    }

    /**
     * A state as read: whether one is stored, the version a save must find to replace it (0 for one stored before
     * versions existed) and what it was made from (null when not known).
     */
    public record Read(NoiseState state, boolean stored, long version, MadeFrom madeFrom) {
    }

    /** What became of a save. */
    public enum Saved {
        /** Stored (or nothing new to store): the plan may be answered. */
        SAVED,
        /** Another plan saved since this one read the state: plan again from the state now stored. */
        CHANGED_MEANWHILE,
        /** The stored state was made from newer data than this plan: plan again from newer data. */
        MADE_FROM_NEWER
    }

    private final MongoCollection<Document> states;

    public NoiseStates(MongoDatabase db) {
        this.states = db.getCollection(COLLECTION);
    }

    public NoiseState of(String programmeId, String measure) {
        return read(programmeId, measure).state();
    }

    public Read read(String programmeId, String measure) {
        Document doc = states.find(Filters.eq("_id", id(programmeId, measure))).first();
        if (doc == null) {
            return new Read(NoiseState.empty(), false, 0, null);
        }
        Map<String, NoiseState.Draw> draws = new LinkedHashMap<>();
        for (Document d : doc.getList("draws", Document.class)) {
            draws.put(d.getString("id"), new NoiseState.Draw(d.getLong("trueValue"), d.getString("scale"),
                    d.getLong("noise")));
        }
        Number version = doc.get("version", Number.class);
        Document from = doc.get("madeFrom", Document.class);
        return new Read(NoiseState.of(draws), true, version == null ? 0 : version.longValue(), from == null ? null
                : new MadeFrom(from.getInteger("generation"), from.get("facts", Number.class).longValue(),
                        from.get("settings", Number.class).longValue(), YearMonth.parse(from.getString("lastClosed"))));
    }

    /**
     * Replaces the state read as {@code before} by the state of a plan made from it, unless another plan saved
     * meanwhile or the stored state was made from newer data. A plan that drew nothing new stores nothing.
     */
    public Saved save(String programmeId, String measure, NoiseState state, Read before, MadeFrom madeFrom) {
        if (before.madeFrom() != null && madeFrom.olderThan(before.madeFrom())) {
            return Saved.MADE_FROM_NEWER;
        }
        if (state.draws().equals(before.state().draws())) {
            return Saved.SAVED;
        }
        List<Document> draws = new ArrayList<>();
        state.draws().forEach((id, d) -> draws.add(new Document("id", id).append("trueValue", d.trueValue())
                .append("scale", d.scale()).append("noise", d.noise())));
        Document from = new Document("generation", madeFrom.generation()).append("facts", madeFrom.facts())
                .append("settings", madeFrom.settings()).append("lastClosed", madeFrom.lastClosed().toString());
        String id = id(programmeId, measure);
        if (!before.stored()) {
            try {
                states.insertOne(new Document("_id", id).append("version", 1L).append("madeFrom", from)
                        .append("draws", draws));
                return Saved.SAVED;
            } catch (MongoWriteException e) {
                if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                    return Saved.CHANGED_MEANWHILE;
                }
                throw e;
            }
        }
        // A state stored before versions existed has none: it is replaced only while it still has none.
        Bson unchanged = before.version() == 0 ? Filters.exists("version", false)
                : Filters.eq("version", before.version());
        long replaced = states.updateOne(Filters.and(Filters.eq("_id", id), unchanged), Updates.combine(
                Updates.set("version", before.version() + 1), Updates.set("madeFrom", from),
                Updates.set("draws", draws))).getModifiedCount();
        return replaced == 1 ? Saved.SAVED : Saved.CHANGED_MEANWHILE;
    }

    private static String id(String programmeId, String measure) {
        return programmeId + "/" + measure;
    }
}
