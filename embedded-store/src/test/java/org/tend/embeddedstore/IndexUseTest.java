package org.tend.embeddedstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexes are really used (a query they serve reads its candidates from them, counted, instead of the whole
 * collection) for the shapes Tend and Axon send, they are kept through updates and deletes, and on H2 they come
 * back when the file is opened again.
 */
class IndexUseTest {

    private static final String DB = "tend";

    @Test
    void axonShapedQueriesAreServedByTheEventIndexes() {
        try (Stores store = new Stores(new IndexingMemoryBackend())) {
            MongoCollection<Document> events = axonEvents(store);
            long before = store.served(DB, "domainevents");

            List<Document> history = events.find(and(eq("aggregateIdentifier", "agg-7"), gte("sequenceNumber", 2L)))
                    .sort(Sorts.ascending("sequenceNumber")).into(new ArrayList<>());
            assertThat(history).extracting(d -> d.getLong("sequenceNumber")).containsExactly(2L, 3L, 4L);
            assertThat(store.served(DB, "domainevents")).isEqualTo(before + 1);

            List<Document> tracked = events.find(and(gte("timestamp", "2026-01-01T00:00:45Z"),
                    nin("eventIdentifier", List.of("e-9-4")))).sort(Sorts.ascending("timestamp", "sequenceNumber"))
                    .into(new ArrayList<>());
            assertThat(tracked).extracting(d -> d.getString("eventIdentifier"))
                    .containsExactly("e-9-0", "e-9-1", "e-9-2", "e-9-3");
            assertThat(store.served(DB, "domainevents")).isEqualTo(before + 2);

            Document last = events.find(eq("aggregateIdentifier", "agg-3")).sort(Sorts.descending("sequenceNumber"))
                    .first();
            assertThat(last.getLong("sequenceNumber")).isEqualTo(4L);
            assertThat(store.served(DB, "domainevents")).isEqualTo(before + 3);
        }
    }

    @Test
    void andQueriesPinningIdAreServedByTheIdIndex() {
        try (Stores store = new Stores(new IndexingMemoryBackend())) {
            MongoCollection<Document> records = store.collection(DB, "idempotency_keys");
            for (int i = 0; i < 50; i++) {
                records.insertOne(new Document("_id", "key-" + i).append("owner", "o-" + i));
            }
            long before = store.served(DB, "idempotency_keys");

            assertThat(records.find(and(eq("_id", "key-3"), eq("owner", "o-3"))).first()).isNotNull();
            assertThat(records.find(and(eq("_id", "key-3"), eq("owner", "someone else"))).first()).isNull();
            assertThat(records.updateOne(and(eq("_id", "key-4"), eq("owner", "o-4")), Updates.set("state", "done"))
                    .getModifiedCount()).isEqualTo(1);
            assertThat(records.deleteOne(and(eq("_id", "key-5"), eq("owner", "o-5"))).getDeletedCount()).isEqualTo(1);
            assertThat(records.countDocuments()).isEqualTo(49);
            assertThat(store.served(DB, "idempotency_keys")).isEqualTo(before + 4);
        }
    }

    @Test
    void queriesTheIndexesCannotNarrowAreLeftToTheScan() {
        try (Stores store = new Stores(new IndexingMemoryBackend())) {
            MongoCollection<Document> docs = store.collection(DB, "docs");
            docs.createIndex(Indexes.ascending("status", "due"));
            docs.createIndex(Indexes.ascending("label"), new IndexOptions().sparse(true));
            for (int i = 0; i < 20; i++) {
                docs.insertOne(new Document("_id", i).append("status", i % 2 == 0 ? "open" : "done").append("due", i));
            }
            long before = store.served(DB, "docs");

            assertThat(docs.countDocuments(new Document())).isEqualTo(20);
            assertThat(docs.find(gte("due", 15)).into(new ArrayList<>())).hasSize(5); // not the first key
            assertThat(docs.find(or(eq("status", "open"), eq("due", 3))).into(new ArrayList<>())).hasSize(11);
            assertThat(docs.find(eq("label", null)).into(new ArrayList<>())).hasSize(20); // sparse: not held
            assertThat(store.served(DB, "docs")).isEqualTo(before);

            assertThat(docs.find(and(eq("status", "open"), lt("due", 6))).into(new ArrayList<>())).hasSize(3);
            assertThat(store.served(DB, "docs")).isEqualTo(before + 1);
        }
    }

    @Test
    void indexesFollowUpdatesOfTheIndexedFieldsAndDeletes() {
        try (Stores store = new Stores(new IndexingMemoryBackend())) {
            MongoCollection<Document> outbox = store.collection(DB, "outbox");
            outbox.createIndex(Indexes.ascending("sentAt"));
            for (int i = 0; i < 10; i++) {
                outbox.insertOne(new Document("_id", "e" + i).append("time", i));
            }
            outbox.updateMany(in("_id", List.of("e1", "e2", "e3")), Updates.set("sentAt", 100));
            outbox.updateOne(eq("_id", "e2"), Updates.set("sentAt", 50));
            outbox.deleteOne(eq("_id", "e5"));

            assertThat(ids(outbox.find(exists("sentAt", false)))).containsExactly("e0", "e4", "e6", "e7", "e8", "e9");
            assertThat(ids(outbox.find(lt("sentAt", 60)))).containsExactly("e2");
            assertThat(outbox.deleteMany(lt("sentAt", 200)).getDeletedCount()).isEqualTo(3);
            assertThat(ids(outbox.find(gte("sentAt", 0)))).isEmpty();
            assertThat(store.served(DB, "outbox")).isEqualTo(4);
        }
    }

    @Test
    void h2RebuildsTheIndexesWhenItOpensItsFileAgain(@TempDir Path dir) {
        String file = dir.resolve("store.mv").toString();
        try (Stores store = new Stores(new IndexingH2Backend(file))) {
            axonEvents(store);
            MongoCollection<Document> views = store.collection(DB, "assessments");
            views.createIndex(Indexes.ascending("participantId", "startedAt"));
            for (int i = 0; i < 30; i++) {
                views.insertOne(new Document("_id", "a" + i).append("participantId", "p" + i % 3).append("startedAt", i));
            }
        }
        try (Stores store = new Stores(new IndexingH2Backend(file))) {
            MongoCollection<Document> events = store.collection(DB, "domainevents");
            MongoCollection<Document> views = store.collection(DB, "assessments");

            assertThat(events.find(and(eq("aggregateIdentifier", "agg-2"), gte("sequenceNumber", 3L)))
                    .into(new ArrayList<>())).hasSize(2);
            assertThat(events.find(gte("timestamp", "2026-01-01T00:00:48Z")).into(new ArrayList<>())).hasSize(2);
            assertThat(views.find(and(eq("participantId", "p1"), gte("startedAt", 20))).into(new ArrayList<>()))
                    .extracting(d -> d.getString("_id")).containsExactlyInAnyOrder("a22", "a25", "a28");
            assertThat(store.served(DB, "domainevents")).isEqualTo(2);
            assertThat(store.served(DB, "assessments")).isEqualTo(1);

            // the unique index is still the store's own, read from the file
            assertThatThrownBy(() -> events.insertOne(event(2, 3))).isInstanceOf(MongoWriteException.class);
        }
    }

    /** Axon's document-per-event collection: its indexes, 10 aggregates of 5 events each. */
    private static MongoCollection<Document> axonEvents(Stores store) {
        MongoCollection<Document> events = store.collection(DB, "domainevents");
        events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                new IndexOptions().unique(true).name("uniqueAggregateIndex"));
        events.createIndex(Indexes.ascending("timestamp", "sequenceNumber"),
                new IndexOptions().unique(false).name("orderedEventStreamIndex"));
        for (int aggregate = 0; aggregate < 10; aggregate++) {
            for (int sequence = 0; sequence < 5; sequence++) {
                events.insertOne(event(aggregate, sequence));
            }
        }
        return events;
    }

    private static Document event(int aggregate, int sequence) {
        int second = aggregate * 5 + sequence;
        return new Document("eventIdentifier", "e-" + aggregate + "-" + sequence)
                .append("aggregateIdentifier", "agg-" + aggregate).append("sequenceNumber", (long) sequence)
                .append("type", "Thing").append("timestamp", String.format("2026-01-01T00:00:%02dZ", second));
    }

    private static List<String> ids(Iterable<Document> documents) {
        List<String> ids = new ArrayList<>();
        documents.forEach(d -> ids.add(d.getString("_id")));
        ids.sort(null);
        return ids;
    }
}
