package org.tend.assessment.retention;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Updates.addEachToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.enrolment.ParticipantEnrolled;
import org.tend.assessment.domain.enrolment.ParticipantErased;
import org.tend.assessment.domain.programme.ProgrammeClosed;
import org.tend.assessment.domain.programme.RetentionChanged;
import org.tend.assessment.erasure.ErasureReports;
import org.tend.contracts.ErasureStores;

/**
 * What the retention sweep needs: each closed programme with when its participants are erased
 * ({@code programme_retention}), and which programme each participant enrolled in ({@code programme_members}: the
 * pseudonym and the programme, nothing else, deleted when they are erased). Upserts keyed by id: replaying an event
 * changes nothing. The erasures the sweep started for a programme are kept with it, so that one report covers them
 * all. An erasure deletes the participant's membership and confirms it in the erasure's report.
 */
@Component
@ProcessingGroup(RetentionViews.PROCESSING_GROUP)
public class RetentionViews {

    /** Its own processor, so that a deployment that had enrolments before retention existed reads them all. */
    public static final String PROCESSING_GROUP = "retention";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    /** A closed programme's retention, as of its latest change. */
    public record Retention(String programmeId, Instant closedAt, String retention, Instant eraseAfter,
                            Instant startedAt, List<String> erasureIds) {
    }

    private final MongoCollection<Document> retentions;
    private final MongoCollection<Document> members;
    private final ErasureReports reports;
    private final Clock clock;

    public RetentionViews(MongoDatabase database, ErasureReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
        this.retentions = database.getCollection("programme_retention");
        this.members = database.getCollection("programme_members");
        retentions.createIndex(Indexes.ascending("eraseAfter"));
        members.createIndex(Indexes.ascending("programmeId"));
    }

    @EventHandler
    void on(ProgrammeClosed event) {
        retentions.updateOne(eq("_id", event.programmeId()), combine(set("closedAt", Date.from(event.closedAt())),
                set("retention", event.retention()), set("eraseAfter", Date.from(event.eraseAfter()))), UPSERT);
    }

    @EventHandler
    void on(RetentionChanged event) {
        retentions.updateOne(eq("_id", event.programmeId()), combine(set("retention", event.retention()),
                set("eraseAfter", Date.from(event.eraseAfter()))), UPSERT);
    }

    @EventHandler
    void on(ParticipantEnrolled event) {
        members.updateOne(eq("_id", event.participantId()), setOnInsert("programmeId", event.programmeId()), UPSERT);
    }

    /** An erased participant is no one's member any more (a replay of their enrolment comes before this). */
    @EventHandler
    void on(ParticipantErased event) {
        members.deleteOne(eq("_id", event.participantId()));
        reports.confirm(event.erasureId(), ErasureStores.ASSESSMENT_MEMBERSHIPS, clock.instant());
    }

    /** The closed programmes whose retention has ended by {@code now}. */
    public List<Retention> endedBy(Instant now) {
        List<Retention> ended = new ArrayList<>();
        retentions.find(lte("eraseAfter", Date.from(now))).forEach(doc -> ended.add(retention(doc)));
        return ended;
    }

    public Optional<Retention> find(String programmeId) {
        return Optional.ofNullable(retentions.find(eq("_id", programmeId)).first()).map(RetentionViews::retention);
    }

    /** The pseudonyms of the programme's participants. */
    public List<String> membersOf(String programmeId) {
        List<String> found = new ArrayList<>();
        members.find(eq("programmeId", programmeId)).forEach(doc -> found.add(doc.getString("_id")));
        return found;
    }

    /** Records the erasures the sweep started for the programme (kept once each), and when it first did. */
    public void started(String programmeId, Collection<String> erasureIds, Instant at) {
        if (!erasureIds.isEmpty()) {
            retentions.updateOne(eq("_id", programmeId), addEachToSet("erasureIds", new ArrayList<>(erasureIds)));
        }
        retentions.updateOne(and(eq("_id", programmeId), eq("startedAt", null)), set("startedAt", Date.from(at)));
    }

    private static Retention retention(Document doc) {
        Date started = doc.getDate("startedAt");
        return new Retention(doc.getString("_id"), doc.getDate("closedAt").toInstant(), doc.getString("retention"),
                doc.getDate("eraseAfter").toInstant(), started == null ? null : started.toInstant(),
                doc.getList("erasureIds", String.class, List.of()));
    }
}
