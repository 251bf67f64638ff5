package org.tend.embeddedstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tend's indexes change which documents the store reads, never what it answers: random documents go through random
 * inserts, updates (of indexed fields too), replacements, upserts and deletes on the stock memory backend (whose
 * queries, but for {@code _id}, read the whole collection) and on the indexing backend, and after every few
 * operations every query form an index serves, and some it does not, must answer exactly the same on both, as must
 * the whole collection.
 */
class IndexedQueriesMatchScanTest {

    private static final String DB = "model";
    private static final String COLLECTION = "docs";

    /** Seeds 1..N per backend; {@code -Dembedded-store.model-seeds=N} runs more (default 4). */
    static Stream<Arguments> runs() {
        int seeds = Integer.getInteger("embedded-store.model-seeds", 4);
        List<Arguments> runs = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            runs.add(Arguments.of("memory", seed));
            runs.add(Arguments.of("h2", seed));
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("runs")
    void everyQueryAnswersAsAFullScanDoes(String backend, long seed) {
        Supplier<AbstractMongoBackend> indexing = backend.equals("memory") ? IndexingMemoryBackend::new
                : () -> new IndexingH2Backend(new MVStore.Builder().open());
        try (Stores reference = new Stores(new MemoryBackend()); Stores indexed = new Stores(indexing.get())) {
            Model model = new Model(new Random(seed), reference.collection(DB, COLLECTION),
                    indexed.collection(DB, COLLECTION));
            model.createIndexes();
            for (int step = 0; step < 400; step++) {
                model.randomWrite();
                if (step % 20 == 19) {
                    model.compareQueries();
                }
            }
            model.compareQueries();
            assertThat(indexed.served(DB, COLLECTION)).as("queries Tend's indexes answered").isPositive();
        }
    }

    /** The same random operations on both stores, and the comparisons. */
    private static final class Model {

        private final Random random;
        private final MongoCollection<Document> reference;
        private final MongoCollection<Document> indexed;
        private int nextId;
        private int nextSequence;

        Model(Random random, MongoCollection<Document> reference, MongoCollection<Document> indexed) {
            this.random = random;
            this.reference = reference;
            this.indexed = indexed;
        }

        void createIndexes() {
            for (MongoCollection<Document> c : List.of(reference, indexed)) {
                c.createIndex(Indexes.ascending("a"));
                c.createIndex(Indexes.ascending("b", "c"));
                c.createIndex(Indexes.descending("t"));
                c.createIndex(Indexes.ascending("s"), new IndexOptions().sparse(true));
                c.createIndex(Indexes.ascending("ttl"), new IndexOptions().expireAfter(0L,
                        java.util.concurrent.TimeUnit.SECONDS));
                c.createIndex(Indexes.ascending("g", "n"), new IndexOptions().unique(true));
            }
        }

        void randomWrite() {
            int choice = random.nextInt(10);
            switch (choice) {
                case 0, 1, 2 -> {
                    Document document = newDocument();
                    both(c -> c.insertOne(document));
                }
                case 3 -> {
                    Bson filter = eq("_id", existingId());
                    Bson update = randomUpdate();
                    both(c -> c.updateOne(filter, update));
                }
                case 4 -> {
                    Bson filter = randomFilter();
                    Bson update = randomUpdate();
                    both(c -> c.updateMany(filter, update));
                }
                case 5 -> {
                    Bson filter = eq("_id", existingId());
                    Document replacement = newDocument();
                    replacement.remove("_id");
                    both(c -> c.replaceOne(filter, replacement));
                }
                case 6 -> {
                    Bson filter = eq("_id", "d" + random.nextInt(nextId + 3));
                    Bson update = Updates.combine(randomUpdate(), Updates.setOnInsert("g", "upserted"),
                            Updates.setOnInsert("n", nextSequence++));
                    both(c -> c.updateOne(filter, update, new com.mongodb.client.model.UpdateOptions().upsert(true)));
                }
                case 7 -> {
                    Bson filter = eq("_id", existingId());
                    both(c -> c.deleteOne(filter));
                }
                case 8 -> {
                    // deleteOne(filter) deletes whichever match comes first, which MongoDB does not define either
                    Bson filter = and(randomFilter(), eq("_id", existingId()));
                    both(c -> c.deleteOne(filter));
                }
                default -> {
                    if (random.nextInt(4) == 0) {
                        Bson filter = randomFilter();
                        both(c -> c.deleteMany(filter));
                    } else {
                        Document document = newDocument();
                        both(c -> c.insertOne(document));
                    }
                }
            }
        }

        void compareQueries() {
            assertSame(new Document());
            for (int i = 0; i < 40; i++) {
                assertSame(randomFilter());
            }
        }

        private void assertSame(Bson filter) {
            List<Document> expected = reference.find(filter).sort(Sorts.ascending("_id")).into(new ArrayList<>());
            List<Document> actual = indexed.find(filter).sort(Sorts.ascending("_id")).into(new ArrayList<>());
            assertThat(actual).as("%s", filter).isEqualTo(expected);
        }

        /** Runs {@code write} on both stores; it must fail on both or on neither. */
        private void both(java.util.function.Consumer<MongoCollection<Document>> write) {
            String expected = outcome(write, reference);
            String actual = outcome(write, indexed);
            assertThat(actual).isEqualTo(expected);
        }

        private static String outcome(java.util.function.Consumer<MongoCollection<Document>> write,
                                      MongoCollection<Document> collection) {
            try {
                write.accept(collection);
                return "ok";
            } catch (MongoException e) {
                return "error " + e.getCode();
            }
        }

        private Document newDocument() {
            Document document = new Document("_id", "d" + nextId++);
            putMaybe(document, "a", this::value);
            putMaybe(document, "b", () -> "b" + random.nextInt(4));
            putMaybe(document, "c", () -> random.nextInt(10));
            putMaybe(document, "t", () -> new Date(1_000_000L * random.nextInt(20)));
            if (random.nextInt(3) == 0) {
                document.put("s", random.nextInt(5) == 0 ? null : value());
            }
            putMaybe(document, "ttl", () -> new Date(1_000_000L * random.nextInt(20)));
            document.put("g", "g" + random.nextInt(3));
            document.put("n", nextSequence++);
            return document;
        }

        private void putMaybe(Document document, String field, Supplier<Object> value) {
            int dice = random.nextInt(10);
            if (dice == 0) {
                return; // missing
            }
            document.put(field, dice == 1 ? null : value.get());
        }

        /** Numbers of three types, strings, booleans, arrays (empty, nested), subdocuments. */
        private Object value() {
            return switch (random.nextInt(12)) {
                case 0, 1, 2 -> random.nextInt(8);
                case 3 -> (long) random.nextInt(8);
                case 4 -> random.nextInt(8) + 0.5;
                case 5, 6 -> "k" + random.nextInt(6);
                case 7 -> random.nextBoolean();
                case 8 -> Arrays.asList(random.nextInt(8), random.nextInt(8));
                case 9 -> random.nextBoolean() ? List.of() : Arrays.asList("k" + random.nextInt(6), null);
                case 10 -> List.of(List.of(random.nextInt(8)), random.nextInt(8));
                default -> new Document("x", random.nextInt(3));
            };
        }

        private Object scalar() {
            return switch (random.nextInt(5)) {
                case 0, 1 -> random.nextInt(8);
                case 2 -> random.nextInt(8) + 0.5;
                case 3 -> "k" + random.nextInt(6);
                default -> random.nextBoolean();
            };
        }

        private String existingId() {
            return "d" + random.nextInt(Math.max(1, nextId));
        }

        private Bson randomUpdate() {
            return switch (random.nextInt(7)) {
                case 0 -> Updates.set("a", value());
                case 1 -> Updates.unset("a");
                case 2 -> Updates.set("c", random.nextInt(10));
                case 3 -> Updates.combine(Updates.set("b", "b" + random.nextInt(4)), Updates.inc("c", 1));
                case 4 -> Updates.set("s", random.nextBoolean() ? null : value());
                case 5 -> Updates.unset("s");
                default -> Updates.set("t", new Date(1_000_000L * random.nextInt(20)));
            };
        }

        /** Every form the indexes serve, inside and outside {@code $and}, and some they leave to the scan. */
        private Bson randomFilter() {
            return switch (random.nextInt(24)) {
                case 0 -> eq("a", scalar());
                case 1 -> in("a", scalar(), scalar(), null);
                case 2 -> gte("a", scalar());
                case 3 -> and(gt("a", random.nextInt(8)), lt("a", random.nextInt(8) + 2));
                case 4 -> new Document("a", new Document("$gte", random.nextInt(6)).append("$lte", random.nextInt(8)));
                case 5 -> eq("a", null);
                case 6 -> exists("a", false);
                case 7 -> and(eq("b", "b" + random.nextInt(4)), gte("c", random.nextInt(10)));
                case 8 -> new Document("b", "b" + random.nextInt(4)).append("c", new Document("$lt", random.nextInt(10)));
                case 9 -> eq("b", "b" + random.nextInt(4));
                case 10 -> and(in("b", "b1", "b2"), in("c", 1, 2, 3));
                case 11 -> lte("t", new Date(1_000_000L * random.nextInt(20)));
                case 12 -> and(gte("t", new Date(1_000_000L * random.nextInt(20))), ne("a", scalar()));
                case 13 -> eq("s", scalar());
                case 14 -> eq("s", null);
                case 15 -> and(eq("g", "g" + random.nextInt(3)), gte("n", random.nextInt(Math.max(1, nextSequence))));
                case 16 -> eq("g", "g" + random.nextInt(3));
                case 17 -> and(eq("g", "g" + random.nextInt(3)), eq("n", random.nextInt(Math.max(1, nextSequence))));
                case 18 -> and(eq("_id", existingId()), eq("b", "b" + random.nextInt(4)));
                case 19 -> and(in("_id", existingId(), existingId()), exists("a"));
                case 20 -> or(eq("a", scalar()), eq("b", "b1"));
                case 21 -> and(lt("ttl", new Date(1_000_000L * random.nextInt(20))), eq("c", random.nextInt(10)));
                case 22 -> and(and(eq("b", "b" + random.nextInt(4))), and(gte("c", 3), lte("c", 7)));
                default -> eq("a", new Document("x", random.nextInt(3)));
            };
        }
    }
}
