package org.tend.embeddedstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.nin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;

/**
 * Prints what Axon's two per-command / per-poll queries cost on the embedded store as {@code domainevents} grows
 * (10k, 100k, 1M events), with mongo-java-server's stock backends and with Tend's indexes. Not a test: figures only.
 *
 * <p>The queries are the ones axon-mongo 4.12 sends (through the same MongoDB driver, over loopback):
 * {@code findDomainEvents} — {@code {$and: [{aggregateIdentifier: A}, {sequenceNumber: {$gte: 0}}]}} sorted by
 * sequence, run when a command loads an aggregate — and the tracking query of a processor that is up to date,
 * {@code {$and: [{timestamp: {$gte: newest - 5 s}}, {eventIdentifier: {$nin: [...]}}]}} sorted by timestamp and
 * sequence. The collection has Axon's indexes, as {@code ensureIndexes()} creates them. Each figure is the median
 * of several runs after a warm-up.
 *
 * <p>Arguments: sizes (comma-separated, ascending), backends ({@code memory,h2}), the largest size run on H2.
 */
public final class IndexBenchmark {

    private static final int EVENTS_PER_AGGREGATE = 10;
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    /** Axon's DateTimeUtils.formatInstant: always milliseconds, so the strings sort as the instants do. */
    private static final DateTimeFormatter AXON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private IndexBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000,1000000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<String> backends = List.of((args.length > 1 ? args[1] : "memory,h2").split(","));
        int h2Max = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        List<String> lines = new ArrayList<>();
        for (String backend : backends) {
            int[] runSizes = backend.equals("h2") ? Arrays.stream(sizes).filter(n -> n <= h2Max).toArray() : sizes;
            double[][] stock = run(backend, false, runSizes);
            double[][] indexed = run(backend, true, runSizes);
            for (int i = 0; i < runSizes.length; i++) {
                lines.add(String.format(Locale.ROOT,
                        "%-6s %,9d | findDomainEvents %9.3f ms stock %8.3f ms indexed (x%,.0f) | tracking %9.3f ms stock"
                                + " %8.3f ms indexed (x%,.0f)",
                        backend, runSizes[i], stock[i][0], indexed[i][0], stock[i][0] / indexed[i][0], stock[i][1],
                        indexed[i][1], stock[i][1] / indexed[i][1]));
            }
            lines.add(String.format(Locale.ROOT, "%-6s growth %,d -> %,d events: findDomainEvents stock x%.1f, indexed"
                            + " x%.1f; tracking stock x%.1f, indexed x%.1f", backend, runSizes[0],
                    runSizes[runSizes.length - 1], growth(stock, 0), growth(indexed, 0), growth(stock, 1),
                    growth(indexed, 1)));
        }
        System.out.println();
        System.out.println("== Axon queries on the embedded store (median per query; x = stock / indexed)");
        lines.forEach(System.out::println);
    }

    private static double growth(double[][] figures, int query) {
        return figures[figures.length - 1][query] / figures[0][query];
    }

    /** For each size: {findDomainEvents ms, tracking ms}. */
    private static double[][] run(String backend, boolean indexes, int[] sizes) throws Exception {
        Path dir = backend.equals("h2") ? Files.createTempDirectory("index-bench") : null;
        Supplier<AbstractMongoBackend> factory = switch (backend + "/" + indexes) {
            case "memory/false" -> MemoryBackend::new;
            case "memory/true" -> IndexingMemoryBackend::new;
            case "h2/false" -> () -> new H2Backend(dir.resolve("store.mv").toString());
            case "h2/true" -> () -> new IndexingH2Backend(dir.resolve("store.mv").toString());
            default -> throw new IllegalArgumentException(backend);
        };
        double[][] figures = new double[sizes.length][];
        try (Stores store = new Stores(factory.get())) {
            MongoCollection<Document> events = store.collection("bench", "domainevents");
            events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                    new IndexOptions().unique(true).name("uniqueAggregateIndex"));
            events.createIndex(Indexes.ascending("timestamp", "sequenceNumber"),
                    new IndexOptions().unique(false).name("orderedEventStreamIndex"));
            int stored = 0;
            for (int i = 0; i < sizes.length; i++) {
                long loading = System.nanoTime();
                stored = load(events, stored, sizes[i]);
                System.out.printf(Locale.ROOT, "%s %s: %,d events stored (%.1f s to load)%n", backend,
                        indexes ? "indexed" : "stock", stored, (System.nanoTime() - loading) / 1e9);
                figures[i] = measure(events, stored);
                System.out.printf(Locale.ROOT, "  findDomainEvents %.3f ms, tracking %.3f ms%n", figures[i][0],
                        figures[i][1]);
            }
        } finally {
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        return figures;
    }

    private static int load(MongoCollection<Document> events, int from, int to) {
        List<Document> batch = new ArrayList<>(5_000);
        for (int n = from; n < to; n++) {
            batch.add(event(n));
            if (batch.size() == 5_000) {
                events.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            events.insertMany(batch);
        }
        return to;
    }

    private static double[] measure(MongoCollection<Document> events, int stored) {
        Random random = new Random(stored);
        int aggregates = stored / EVENTS_PER_AGGREGATE;
        String lookBack = AXON_TIME.format(EPOCH.plusMillis(10L * (stored - 1)).minusSeconds(5));
        List<String> known = List.of(eventId(stored - 1), eventId(stored - 2), eventId(stored - 3));
        Runnable findDomainEvents = () -> {
            List<Document> history = events.find(and(eq("aggregateIdentifier", "agg-" + random.nextInt(aggregates)),
                    gte("sequenceNumber", 0L))).sort(Sorts.ascending("sequenceNumber")).into(new ArrayList<>());
            if (history.size() != EVENTS_PER_AGGREGATE) {
                throw new IllegalStateException("expected " + EVENTS_PER_AGGREGATE + " events, got " + history.size());
            }
        };
        Runnable tracking = () -> {
            List<Document> tail = events.find(and(gte("timestamp", lookBack), nin("eventIdentifier", known)))
                    .sort(Sorts.ascending("timestamp", "sequenceNumber")).batchSize(100).into(new ArrayList<>());
            if (tail.isEmpty()) {
                throw new IllegalStateException("the tracking query found nothing");
            }
        };
        // Fewer runs where a run reads the whole collection.
        int runs = stored >= 500_000 ? 5 : stored >= 50_000 ? 11 : 31;
        return new double[] {median(findDomainEvents, runs), median(tracking, runs)};
    }

    private static double median(Runnable query, int runs) {
        for (int i = 0; i < 3; i++) {
            query.run();
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            query.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[runs / 2];
    }

    /** Event n: aggregate n / 10, sequence n % 10, one event per 10 ms, as Axon stores it (ISO-8601 strings). */
    private static Document event(int n) {
        return new Document("_id", new org.bson.types.ObjectId())
                .append("aggregateIdentifier", "agg-" + n / EVENTS_PER_AGGREGATE)
                .append("type", "Assessment").append("sequenceNumber", (long) (n % EVENTS_PER_AGGREGATE))
                .append("serializedPayload", "{\"answer\":" + n + ",\"instrument\":\"PHQ-9\"}")
                .append("timestamp", timestamp(n)).append("payloadType", "org.tend.AssessmentAnswered")
                .append("payloadRevision", null).append("serializedMetaData", "{}").append("eventIdentifier", eventId(n));
    }

    private static String timestamp(int n) {
        return AXON_TIME.format(EPOCH.plusMillis(10L * n));
    }

    private static String eventId(int n) {
        return "event-" + n;
    }
}
