package org.tend.plumbing.programme;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.store.Upserts;

/**
 * A consuming service's copy of each programme's care settings ({@link ProgrammeSettings}), learned from
 * assessment-service's {@code programme-settings-changed} events, in the collection {@value #COLLECTION}.
 *
 * <p>One document per programme, replaced only by settings that took effect later ({@code changedAt}): a record
 * seen twice, or an older one arriving late, changes nothing, so the outcome does not depend on delivery order.
 * A programme the directory has heard nothing about has {@link ProgrammeSettings#defaults}.
 */
public final class ProgrammeSettingsDirectory {

    public static final String COLLECTION = "programme_settings";

    /** The fields of {@code programme-settings-changed} the directory reads. */
    public record SettingsChanged(String programmeId, int maxActiveGoals, String reviewPeriod, Schedule schedule,
                                  Instant changedAt) {
    }

    public record Schedule(String version, List<Item> items) {
    }

    public record Item(String measure, String every, @JsonProperty("while") String applies) {
    }

    private final MongoCollection<Document> settings;

    public ProgrammeSettingsDirectory(MongoDatabase database) {
        this.settings = database.getCollection(COLLECTION);
    }

    /** Adds the event type the directory learns from to a consumer's inbound edge. */
    public static InboundEvents.Builder reads(InboundEvents.Builder inbound) {
        return inbound.type(EventTypes.PROGRAMME_SETTINGS_CHANGED_V1, SettingsChanged.class);
    }

    /** Records what an event of {@link #reads} says; false for any other data. */
    public boolean apply(Object data) {
        if (!(data instanceof SettingsChanged e)) {
            return false;
        }
        List<Document> items = e.schedule() == null || e.schedule().items() == null ? List.of()
                : e.schedule().items().stream().map(i -> new Document("measure", i.measure())
                        .append("every", i.every()).append("while", i.applies())).toList();
        Document doc = new Document("_id", e.programmeId())
                .append("maxActiveGoals", e.maxActiveGoals())
                .append("reviewPeriod", e.reviewPeriod())
                .append("scheduleVersion", e.schedule() == null ? null : e.schedule().version())
                .append("schedule", items)
                .append("changedAt", e.changedAt().toString())
                .append(ORDER, order(e.changedAt()));
        try {
            settings.replaceOne(and(eq("_id", e.programmeId()), lt(ORDER, order(e.changedAt()))), doc,
                    new ReplaceOptions().upsert(true));
        } catch (MongoWriteException ex) {
            if (!Upserts.isDuplicateKey(ex)) {
                throw ex;
            }
            // Settings as new or newer are recorded already.
        }
        return true;
    }

    /** The programme's settings as published; empty while the directory has heard nothing about it. */
    public Optional<ProgrammeSettings> find(String programmeId) {
        Document doc = settings.find(eq("_id", programmeId)).first();
        if (doc == null) {
            return Optional.empty();
        }
        List<ProgrammeSettings.ScheduleItem> schedule = doc.getList("schedule", Document.class, List.of()).stream()
                .map(i -> new ProgrammeSettings.ScheduleItem(i.getString("measure"), Period.parse(i.getString("every")),
                        ProgrammeSettings.Applies.ofCode(i.getString("while"))))
                .toList();
        return Optional.of(new ProgrammeSettings(programmeId, doc.getInteger("maxActiveGoals"),
                Period.parse(doc.getString("reviewPeriod")), doc.getString("scheduleVersion"), schedule,
                Instant.parse(doc.getString("changedAt"))));
    }

    /** The programme's settings, or {@link ProgrammeSettings#defaults} while none are known. */
    public ProgrammeSettings settingsOf(String programmeId) {
        return find(programmeId).orElseGet(() -> ProgrammeSettings.defaults(programmeId));
    }

    /** Field compared for "newer": {@code changedAt} as a string that sorts as the instant does. */
    private static final String ORDER = "changedAtOrder";

    private static String order(Instant at) {
        // Shifted so that instants before 1970 stay non-negative, hence of equal width.
        return String.format("%020d.%09d", at.getEpochSecond() + 100_000_000_000L, at.getNano());
    }
}
