package org.tend.catalogue.query;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import org.tend.plumbing.store.Upserts;
import org.tend.catalogue.domain.entry.InterventionContent;

/**
 * The catalogue's read model: one document per intervention with its latest content. Each write carries the
 * entry's event sequence number and applies only over an older one, so a replayed event changes nothing.
 */
@Component
public class InterventionDirectory {

    static final String COLLECTION = "interventions";

    private final MongoCollection<Document> interventions;

    public InterventionDirectory(MongoDatabase database) {
        this.interventions = database.getCollection(COLLECTION);
    }

    /** Filters of the list; {@code null} means any. */
    public record Filter(String format, String level, String target) {
    }

    void published(String id, String catalogueVersion, InterventionContent content, Instant at, long sequence) {
        write(id, sequence, Updates.combine(contentUpdates(catalogueVersion, content),
                Updates.set("publishedAt", Date.from(at)), Updates.unset("revisedAt")));
    }

    void revised(String id, String catalogueVersion, InterventionContent content, Instant at, long sequence) {
        write(id, sequence, Updates.combine(contentUpdates(catalogueVersion, content),
                Updates.set("revisedAt", Date.from(at))));
    }

    public Optional<InterventionView> find(String interventionId) {
        return Optional.ofNullable(interventions.find(eq("_id", interventionId)).first())
                .map(InterventionDirectory::view);
    }

    public List<InterventionView> list(Filter filter) {
        List<Bson> conditions = new ArrayList<>();
        if (filter.format() != null) {
            conditions.add(eq("formats", filter.format()));
        }
        if (filter.level() != null) {
            conditions.add(eq("suitableSeverities", filter.level()));
        }
        if (filter.target() != null) {
            conditions.add(eq("targets", filter.target()));
        }
        Bson query = conditions.isEmpty() ? Filters.empty() : and(conditions);
        List<InterventionView> views = new ArrayList<>();
        interventions.find(query).sort(Sorts.ascending("_id")).forEach(doc -> views.add(view(doc)));
        return views;
    }

    /** Every target some entry names, for telling a client which filter values exist. */
    public Set<String> targets() {
        Set<String> targets = new TreeSet<>();
        interventions.find().forEach(doc -> targets.addAll(doc.getList("targets", String.class)));
        return targets;
    }

    /** The entries with these ids, by id (ids the catalogue does not hold are left out). */
    public Map<String, InterventionView> findAll(Collection<String> ids) {
        Map<String, InterventionView> byId = new LinkedHashMap<>();
        interventions.find(in("_id", ids)).forEach(doc -> byId.put(doc.getString("_id"), view(doc)));
        return byId;
    }

    private void write(String id, long sequence, Bson updates) {
        try {
            interventions.updateOne(and(eq("_id", id), lt("sequence", sequence)),
                    Updates.combine(updates, Updates.set("sequence", sequence)), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (!Upserts.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    private static Bson contentUpdates(String catalogueVersion, InterventionContent content) {
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set("catalogueVersion", catalogueVersion),
                Updates.set("name", content.name()),
                Updates.set("approach", content.approach()),
                Updates.set("formats", content.formats()),
                Updates.set("typicalDuration", content.typicalDuration()),
                Updates.set("evidenceNote", content.evidenceNote()),
                Updates.set("targets", content.targets()),
                // Stored and served under the name the API was published with.
                Updates.set("suitableSeverities", content.suitableLevels()),
                Updates.set("intensity", content.intensity()),
                Updates.set("evidenceStrength", content.evidenceStrength())));
        updates.add(content.snomedCode() == null ? Updates.unset("snomed")
                : Updates.set("snomed", new Document("code", content.snomedCode())
                        .append("display", content.snomedDisplay())));
        return Updates.combine(updates);
    }

    private static InterventionView view(Document doc) {
        Document snomed = doc.get("snomed", Document.class);
        return new InterventionView(doc.getString("_id"), doc.getString("name"), doc.getString("approach"),
                doc.getList("formats", String.class), doc.getString("typicalDuration"),
                doc.getString("evidenceNote"), doc.getList("targets", String.class),
                doc.getList("suitableSeverities", String.class), doc.getString("intensity"),
                doc.getString("evidenceStrength"),
                snomed == null ? null : new InterventionView.Snomed(snomed.getString("code"),
                        snomed.getString("display")),
                doc.getString("catalogueVersion"), instant(doc.getDate("publishedAt")),
                instant(doc.getDate("revisedAt")));
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
