package org.tend.progress.query;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.plumbing.web.UnavailableException;
import org.tend.plumbing.programme.ProgrammeSettingsDirectory;
import org.tend.progress.domain.CareSettings;
import org.tend.progress.domain.CatalogueEntry;
import org.tend.progress.domain.Fact;

/**
 * Reads of the served generation. The generation is read from {@code projection_state} once per request and every
 * read of that request uses it, so a request sees one generation even if a rebuild switches meanwhile.
 */
public class JourneyQueries {

    private final MongoDatabase database;
    private final ProjectionEvents events;

    public JourneyQueries(MongoDatabase database, ProjectionEvents events) {
        this.database = database;
        this.events = events;
    }

    /** The served generation, whatever its layout (for status and operations). */
    public int activeGeneration() {
        return ProjectionGenerations.activeGeneration(database);
    }

    /**
     * The generation a journey read uses.
     *
     * @throws UnavailableException (503, Retry-After) while the served generation is in a layout this version cannot
     *                              read: an upgrade's rebuild from the log is still running
     */
    public int readableGeneration() {
        return ProjectionGenerations.readableGeneration(database, ProjectionNames.LAYOUT);
    }

    public Optional<StoredJourney> find(int generation, String participantId) {
        Document doc = database.getCollection(ProjectionNames.journeys(generation))
                .find(Filters.eq("_id", participantId)).first();
        return doc == null ? Optional.empty() : Optional.of(withEvents(generation, List.of(doc)).get(0));
    }

    /** The stored journeys of the given participants (those that have one). */
    public List<StoredJourney> findAll(int generation, Collection<String> participantIds) {
        if (participantIds.isEmpty()) {
            return new ArrayList<>();
        }
        return withEvents(generation, database.getCollection(ProjectionNames.journeys(generation))
                .find(Filters.in("_id", participantIds)).into(new ArrayList<>()));
    }

    /**
     * The journeys of these participant documents, each with the events of every month it names, read by id in one
     * query.
     */
    private List<StoredJourney> withEvents(int generation, List<Document> journeys) {
        List<String> monthIds = new ArrayList<>();
        for (Document journey : journeys) {
            Document months = journey.get("months", Document.class);
            if (months != null) {
                months.keySet().forEach(month -> monthIds.add(ProjectionNames.monthId(journey.getString("_id"), month)));
            }
        }
        Map<String, List<Fact>> facts = new HashMap<>();
        if (!monthIds.isEmpty()) {
            for (Document month : database.getCollection(ProjectionNames.journeyMonths(generation))
                    .find(Filters.in("_id", monthIds))) {
                List<Fact> into = facts.computeIfAbsent(month.getString("participantId"), k -> new ArrayList<>());
                Document stored = month.get("events", Document.class);
                if (stored != null) {
                    for (Object value : stored.values()) {
                        if (value instanceof Document eventDoc) {
                            events.fact(eventDoc).ifPresent(into::add);
                        }
                    }
                }
            }
        }
        List<StoredJourney> decoded = new ArrayList<>(journeys.size());
        for (Document journey : journeys) {
            String id = journey.getString("_id");
            decoded.add(new StoredJourney(id, journey.getString("programmeId"), facts.getOrDefault(id, List.of())));
        }
        return decoded;
    }

    /** The programmes a practitioner is assigned to (an unassignment leaves the practitioner's field null). */
    public Set<String> programmesAssignedTo(int generation, String practitionerId) {
        Set<String> programmes = new TreeSet<>();
        // Practitioner ids are checked pseudonyms ('p_' + base32) wherever they are written: safe in a field path.
        String field = "practitioners." + practitionerId;
        for (Document doc : database.getCollection(ProjectionNames.programmes(generation))
                .find(Filters.and(Filters.exists(field), Filters.ne(field, null)))) {
            programmes.add(doc.getString("_id"));
        }
        return programmes;
    }

    /**
     * The journeys of every participant placed in one of the given programmes, by enrolment or by an assessment
     * taken in it.
     */
    public List<StoredJourney> journeysIn(int generation, Collection<String> programmeIds) {
        if (programmeIds.isEmpty()) {
            return new ArrayList<>();
        }
        Set<String> participants = new TreeSet<>();
        for (Document member : database.getCollection(ProjectionNames.journeyMembers(generation))
                .find(Filters.in("programmeId", programmeIds))) {
            participants.add(member.getString("participantId"));
        }
        return findAll(generation, participants);
    }

    /** Display names of the given interventions, from their latest published catalogue entry. */
    public Map<String, String> interventionNames(int generation, Collection<String> interventionIds) {
        Map<String, String> names = new HashMap<>();
        if (interventionIds.isEmpty()) {
            return names;
        }
        for (Document doc : database.getCollection(ProjectionNames.interventions(generation))
                .find(Filters.in("_id", interventionIds))) {
            String id = doc.getString("_id");
            Document versions = doc.get("versions", Document.class);
            if (versions == null) {
                continue;
            }
            List<CatalogueEntry> entries = new ArrayList<>();
            for (Object value : versions.values()) {
                if (value instanceof Document version) {
                    events.catalogueEntry(version).ifPresent(entries::add);
                }
            }
            CatalogueEntry.current(entries).ifPresent(entry -> names.put(id, entry.published().name()));
        }
        return names;
    }

    /**
     * The care settings of a programme: the newest it published, or {@link CareSettings#DEFAULT} while none is known
     * (or for a journey in no programme yet).
     */
    public CareSettings careSettings(int generation, String programmeId) {
        if (programmeId == null) {
            return CareSettings.DEFAULT;
        }
        Document doc = database.getCollection(ProjectionNames.programmes(generation))
                .find(Filters.eq("_id", programmeId)).first();
        Document versions = doc == null ? null : doc.get("settings", Document.class);
        if (versions == null) {
            return CareSettings.DEFAULT;
        }
        return versions.values().stream().filter(Document.class::isInstance).map(Document.class::cast)
                .map(events::settings).flatMap(Optional::stream)
                .max(java.util.Comparator.comparing(ProgrammeSettingsDirectory.SettingsChanged::changedAt))
                .map(JourneyQueries::careSettings).orElse(CareSettings.DEFAULT);
    }

    private static CareSettings careSettings(ProgrammeSettingsDirectory.SettingsChanged e) {
        ProgrammeSettingsDirectory.Schedule schedule = e.schedule();
        return new CareSettings(java.time.Period.parse(e.reviewPeriod()), schedule == null ? null : schedule.version(),
                schedule == null || schedule.items() == null ? List.of() : schedule.items().stream()
                        .map(i -> new CareSettings.ScheduleItem(i.measure(), java.time.Period.parse(i.every()),
                                CareSettings.Applies.ofCode(i.applies())))
                        .toList());
    }

    /** Up to {@code limit} participants with a journey, in id order after {@code after} (null: from the first). */
    public List<String> participantIds(int generation, String after, int limit) {
        List<String> ids = new ArrayList<>();
        database.getCollection(ProjectionNames.journeys(generation))
                .find(after == null ? new Document() : Filters.gt("_id", after))
                .projection(new Document("_id", 1)).sort(new Document("_id", 1)).limit(limit)
                .forEach(doc -> ids.add(doc.getString("_id")));
        return ids;
    }

    public long countJourneys(int generation) {
        return database.getCollection(ProjectionNames.journeys(generation)).countDocuments();
    }

    public long count(String collection) {
        return database.getCollection(collection).countDocuments();
    }
}
