package org.tend.local.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * Fills assessment-service's Axon event store ({@code domainevents}, one document per event) in bulk with copies of
 * the aggregates the load itself created: each copy is one aggregate's events under a new aggregate identifier (also
 * replaced wherever the payload names it), with new event identifiers and timestamps moved {@link #AGE} into the past.
 * That far back they lie behind the forwarder's tracking token (and its look-back) and outside the reconciler's
 * window, so no copy is forwarded again: they are volume for the per-command aggregate reads and the per-poll
 * tracking query, and nothing else. The payloads are real serialised events (copied, not invented), so the document
 * shape is whatever {@code MongoEventStorageEngine} stored.
 */
final class EventStoreSeed {

    static final String COLLECTION = "domainevents";
    /** How far into the past copies are dated. */
    static final Duration AGE = Duration.ofDays(30);

    private EventStoreSeed() {
    }

    /** The templates: up to {@code aggregates} aggregates' events (each in sequence order), read from the store. */
    static List<List<Document>> templates(MongoCollection<Document> events, int aggregates) {
        Map<String, List<Document>> byAggregate = new LinkedHashMap<>();
        for (Document event : events.find().sort(Sorts.ascending("aggregateIdentifier", "sequenceNumber"))
                .limit(aggregates * 20)) {
            String id = event.getString("aggregateIdentifier");
            if (id == null || (byAggregate.size() >= aggregates && !byAggregate.containsKey(id))) {
                continue;
            }
            byAggregate.computeIfAbsent(id, k -> new ArrayList<>()).add(event);
        }
        return new ArrayList<>(byAggregate.values());
    }

    /** One template aggregate's events as a copy under {@code newId}, dated {@code age} earlier. */
    static List<Document> copy(List<Document> template, String newId, Duration age) {
        List<Document> copies = new ArrayList<>(template.size());
        for (Document event : template) {
            String oldId = event.getString("aggregateIdentifier");
            Document copy = new Document();
            for (Map.Entry<String, Object> field : event.entrySet()) {
                String name = field.getKey();
                Object value = field.getValue();
                if (name.equals("_id")) {
                    continue;
                } else if (name.equals("aggregateIdentifier")) {
                    value = newId;
                } else if (name.equals("eventIdentifier")) {
                    value = UUID.randomUUID().toString();
                } else if (name.equals("timestamp")) {
                    value = earlier(value, age);
                } else if (value instanceof String text && oldId != null && text.contains(oldId)) {
                    value = text.replace(oldId, newId);
                }
                copy.put(name, value);
            }
            copies.add(copy);
        }
        return copies;
    }

    private static Object earlier(Object timestamp, Duration age) {
        if (timestamp instanceof String text) {
            return Instant.parse(text).minus(age).toString();
        }
        if (timestamp instanceof Date date) {
            return Date.from(date.toInstant().minus(age));
        }
        if (timestamp instanceof Long millis) {
            return millis - age.toMillis();
        }
        throw new IllegalStateException("unexpected timestamp " + timestamp);
    }

    /**
     * Inserts copies until the collection holds at least {@code target} events; returns how many it inserted.
     * Progress every 10 s to {@code progress}.
     */
    static long fill(String connection, String database, long target, Consumer<String> progress) {
        try (MongoClient client = MongoClients.create(connection)) {
            MongoCollection<Document> events = client.getDatabase(database).getCollection(COLLECTION);
            long stored = events.countDocuments();
            if (stored >= target) {
                return 0;
            }
            List<List<Document>> templates = templates(events, 200);
            if (templates.isEmpty()) {
                throw new IllegalStateException("no events in " + database + "." + COLLECTION + " to copy");
            }
            long inserted = 0;
            long began = System.nanoTime();
            long lastPrint = began;
            List<Document> batch = new ArrayList<>();
            int next = 0;
            while (stored + inserted + batch.size() < target) {
                List<Document> template = templates.get(next++ % templates.size());
                batch.addAll(copy(template, UUID.randomUUID().toString(), AGE));
                if (batch.size() >= 1000) {
                    events.insertMany(batch, new InsertManyOptions().ordered(false));
                    inserted += batch.size();
                    batch.clear();
                    if (System.nanoTime() - lastPrint > 10e9) {
                        lastPrint = System.nanoTime();
                        progress.accept(String.format(java.util.Locale.ROOT, "  event store: %,d events copied"
                                + " (%,.0f/s)", inserted, inserted / ((System.nanoTime() - began) / 1e9)));
                    }
                }
            }
            if (!batch.isEmpty()) {
                events.insertMany(batch, new InsertManyOptions().ordered(false));
                inserted += batch.size();
            }
            return inserted;
        }
    }
}
