package org.tend.assessment.query;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.programme.PractitionerAssigned;
import org.tend.assessment.domain.programme.ProgrammeCreated;

/** The programme list for administrators. Upserts keyed by programme id: replaying an event changes nothing. */
@Component
@ProcessingGroup(AssessmentViews.PROCESSING_GROUP)
public class ProgrammeViews {

    public record ProgrammeSummary(String programmeId, String organisationId, String name, int minimumGroupSize,
                                   int practitionerCount, Instant createdAt) {
    }

    private final MongoCollection<Document> programmes;

    public ProgrammeViews(MongoDatabase database) {
        this.programmes = database.getCollection("programmes");
    }

    @EventHandler
    void on(ProgrammeCreated event) {
        programmes.updateOne(eq("_id", event.programmeId()), combine(
                set("organisationId", event.organisationId()),
                set("name", event.name()),
                set("minimumGroupSize", event.minimumGroupSize()),
                set("createdAt", BsonTimes.date(event.createdAt()))), new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(PractitionerAssigned event) {
        programmes.updateOne(eq("_id", event.programmeId()), addToSet("practitioners", event.practitionerId()),
                new UpdateOptions().upsert(true));
    }

    public List<ProgrammeSummary> all() {
        List<ProgrammeSummary> all = new ArrayList<>();
        for (Document doc : programmes.find().sort(Sorts.ascending("createdAt"))) {
            if (doc.getString("organisationId") == null) {
                continue; // an assignment seen before its creation cannot happen in one stream; be safe anyway
            }
            all.add(new ProgrammeSummary(doc.getString("_id"), doc.getString("organisationId"), doc.getString("name"),
                    doc.getInteger("minimumGroupSize", 0), doc.getList("practitioners", String.class, List.of()).size(),
                    BsonTimes.instant(doc, "createdAt")));
        }
        return all;
    }

    public boolean contains(String programmeId) {
        return programmes.find(eq("_id", programmeId)).first() != null;
    }
}
