package org.tend.goal.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;
import org.tend.plumbing.store.Upserts;

/**
 * goal-service's own small copy of the intervention catalogue: which interventions exist, with their name and
 * catalogue version. One document per intervention; the most recently published version wins, whatever order the
 * records arrive in, and a record seen twice changes nothing.
 */
@Component
public class InterventionCatalogue {

    static final String COLLECTION = "catalogue_interventions";

    private final MongoCollection<Document> interventions;

    public InterventionCatalogue(MongoDatabase database) {
        this.interventions = database.getCollection(COLLECTION);
    }

    public void record(KnownIntervention intervention) {
        Date publishedAt = Date.from(intervention.publishedAt());
        try {
            // Matches only a document published earlier (or none): then the upsert inserts. If a document of this
            // id was published at the same time or later, the insert hits the _id and the record is stale.
            interventions.updateOne(
                    and(eq("_id", intervention.interventionId()), lt("publishedAt", publishedAt)),
                    combine(set("name", intervention.name()),
                            set("catalogueVersion", intervention.catalogueVersion()),
                            set("publishedAt", publishedAt)),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (!Upserts.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    public Optional<KnownIntervention> find(String interventionId) {
        Document doc = interventions.find(eq("_id", interventionId)).first();
        return Optional.ofNullable(doc).map(d -> new KnownIntervention(d.getString("_id"), d.getString("name"),
                d.getString("catalogueVersion"), d.getDate("publishedAt").toInstant()));
    }
}
