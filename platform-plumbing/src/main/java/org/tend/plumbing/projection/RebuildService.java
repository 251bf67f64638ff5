package org.tend.plumbing.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tend.plumbing.web.ConflictException;
import org.tend.plumbing.projection.RebuildStatus.State;

/**
 * Runs one rebuild at a time on its own thread: claims generation N+1 (from then on the live listener writes into
 * it too, so nothing it processes after the rebuild captures its end offsets is missed), runs the
 * {@link Engine} up to those offsets, then switches the served generation in one update and, after a grace period
 * for reads in flight, drops the old one. A failed or stopped rebuild abandons its generation; the served one is
 * untouched. Every rebuild is recorded in the {@code rebuilds} collection.
 */
public class RebuildService implements AutoCloseable, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);
    /** Where every rebuild is recorded. */
    public static final String COLLECTION = "rebuilds";

    /** Fills a generation from the log; {@link RebuildRunner#run} in production. */
    @FunctionalInterface
    public interface Engine {
        void run(int generation, RebuildProgress progress, BooleanSupplier stopRequested);
    }

    private final ProjectionGenerations generations;
    private final Engine engine;
    private final MongoCollection<Document> records;
    private final Clock clock;
    private final Duration dropGrace;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tend-projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();
    private Rebuild running;
    /** The running rebuild, or the last one this process ran (for the metrics). */
    private volatile Rebuild latest;

    public RebuildService(ProjectionGenerations generations, Engine engine, MongoDatabase database, Clock clock,
                          Duration dropGrace) {
        this.generations = generations;
        this.engine = engine;
        this.records = database.getCollection(COLLECTION);
        this.clock = clock;
        this.dropGrace = dropGrace;
        // A rebuild recorded as running belonged to a process that stopped: its generation was dropped on start-up.
        records.updateMany(Filters.eq("state", State.RUNNING.name()), Updates.combine(
                Updates.set("state", State.FAILED.name()),
                Updates.set("failure", "the service stopped before the rebuild caught up"),
                Updates.set("finishedAt", clock.instant().toString())));
    }

    /**
     * Starts a rebuild into the next generation.
     *
     * @throws ConflictException when a rebuild is already running
     */
    public synchronized RebuildStatus start() {
        if (running != null) {
            throw new ConflictException("rebuild", "one-at-a-time",
                    "rebuild " + running.id + " is still running; wait until it has caught up or failed");
        }
        int generation;
        try {
            generation = generations.beginBuilding();
        } catch (IllegalStateException e) {
            throw new ConflictException("rebuild", "one-at-a-time", "a rebuild is already running");
        }
        Rebuild rebuild = new Rebuild(UUID.randomUUID().toString(), generation, clock.instant());
        rebuilds.put(rebuild.id, rebuild);
        running = rebuild;
        latest = rebuild;
        save(rebuild);
        executor.execute(() -> execute(rebuild));
        return rebuild.status(clock.instant());
    }

    public Optional<RebuildStatus> find(String rebuildId) {
        Rebuild rebuild = rebuilds.get(rebuildId);
        if (rebuild != null) {
            return Optional.of(rebuild.status(clock.instant()));
        }
        return Optional.ofNullable(records.find(Filters.eq("_id", rebuildId)).first()).map(RebuildService::fromDocument);
    }

    public synchronized Optional<RebuildStatus> current() {
        return Optional.ofNullable(running).map(r -> r.status(clock.instant()));
    }

    /**
     * The rebuild's progress as gauges by {@code projection} (Boot binds every {@code MeterBinder} bean):
     * {@code tend.projection.rebuild.running} [{@code tend_projection_rebuild_running}], 1 while a rebuild runs, else
     * 0; {@code tend.projection.rebuild.records.read} [{@code tend_projection_rebuild_records_read}] and
     * {@code tend.projection.rebuild.records.to.read} [{@code tend_projection_rebuild_records_to_read}] of the running
     * rebuild, or of the last one this process ran (0 before the first).
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        String projection = generations.name();
        Gauge.builder("tend.projection.rebuild.running", this, s -> s.latest != null
                        && s.latest.state == State.RUNNING ? 1 : 0)
                .description("1 while a rebuild of the projection runs").tag("projection", projection)
                .register(registry);
        Gauge.builder("tend.projection.rebuild.records.read", this, s -> s.latest == null ? 0
                        : s.latest.progress.recordsRead())
                .description("Records the running or last rebuild has read").tag("projection", projection)
                .register(registry);
        Gauge.builder("tend.projection.rebuild.records.to.read", this, s -> s.latest == null ? 0
                        : s.latest.progress.recordsToRead())
                .description("Records the running or last rebuild reads in all (up to the end offsets at its start)")
                .tag("projection", projection).register(registry);
    }

    private void execute(Rebuild rebuild) {
        int previous;
        try {
            engine.run(rebuild.generation, rebuild.progress, () -> rebuild.stopRequested);
            if (rebuild.stopRequested) {
                throw new IllegalStateException("stopped");
            }
            previous = generations.activate(rebuild.generation);
            rebuild.finish(State.CAUGHT_UP, clock.instant(), null);
            log.info("rebuild {} caught up: generation {} now served ({} events, {}/s)", rebuild.id,
                    rebuild.generation, rebuild.progress.eventsApplied(),
                    Math.round(rebuild.status(clock.instant()).eventsPerSecond()));
        } catch (RuntimeException | Error e) {
            log.error("rebuild {} of generation {} failed", rebuild.id, rebuild.generation, e);
            try {
                generations.abandon(rebuild.generation);
            } catch (RuntimeException cleanup) {
                log.warn("could not abandon generation {}", rebuild.generation, cleanup);
            }
            rebuild.finish(State.FAILED, clock.instant(), e.getClass().getSimpleName() + ": " + e.getMessage());
            safeSave(rebuild);
            release(rebuild);
            return;
        }
        safeSave(rebuild);
        release(rebuild);
        try {
            // Reads that started before the switch may still be reading the old generation.
            Thread.sleep(dropGrace.toMillis());
            generations.dropRetired(previous);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("could not drop retired generation {}", previous, e);
        }
    }

    private synchronized void release(Rebuild rebuild) {
        if (running == rebuild) {
            running = null;
        }
    }

    private void safeSave(Rebuild rebuild) {
        try {
            save(rebuild);
        } catch (RuntimeException e) {
            log.warn("could not record rebuild {}", rebuild.id, e);
        }
    }

    private void save(Rebuild rebuild) {
        RebuildStatus s = rebuild.status(clock.instant());
        Document doc = new Document("_id", s.rebuildId()).append("generation", s.generation())
                .append("state", s.state().name()).append("startedAt", s.startedAt().toString())
                .append("finishedAt", s.finishedAt() == null ? null : s.finishedAt().toString())
                .append("recordsToRead", s.recordsToRead()).append("recordsRead", s.recordsRead())
                .append("eventsApplied", s.eventsApplied()).append("eventsSkipped", s.eventsSkipped())
                .append("documentsWritten", s.documentsWritten())
                .append("targetOffsets", new Document(new LinkedHashMap<>(s.targetOffsets())))
                .append("positions", new Document(new LinkedHashMap<>(s.positions())))
                .append("eventsPerSecond", s.eventsPerSecond()).append("failure", s.failure());
        records.replaceOne(Filters.eq("_id", s.rebuildId()), doc, new ReplaceOptions().upsert(true));
    }

    private static RebuildStatus fromDocument(Document doc) {
        Map<String, Long> targets = offsets(doc.get("targetOffsets", Document.class));
        Map<String, Long> positions = offsets(doc.get("positions", Document.class));
        return new RebuildStatus(doc.getString("_id"), doc.getInteger("generation"),
                State.valueOf(doc.getString("state")), instant(doc.getString("startedAt")),
                instant(doc.getString("finishedAt")), number(doc, "recordsToRead"), number(doc, "recordsRead"),
                number(doc, "eventsApplied"), number(doc, "eventsSkipped"), number(doc, "documentsWritten"),
                targets.values().stream().mapToLong(Long::longValue).sum(),
                positions.values().stream().mapToLong(Long::longValue).sum(), targets, positions,
                doc.get("eventsPerSecond") instanceof Number n ? n.doubleValue() : 0.0, doc.getString("failure"));
    }

    private static Map<String, Long> offsets(Document doc) {
        Map<String, Long> offsets = new java.util.TreeMap<>();
        if (doc != null) {
            doc.forEach((k, v) -> offsets.put(k, ((Number) v).longValue()));
        }
        return offsets;
    }

    private static long number(Document doc, String field) {
        return doc.get(field) instanceof Number n ? n.longValue() : 0L;
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** Stops a running rebuild (its generation is abandoned) and the rebuild thread. */
    @Override
    public void close() {
        Rebuild current;
        synchronized (this) {
            current = running;
        }
        if (current != null) {
            current.stopRequested = true;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    private static final class Rebuild {
        final String id;
        final int generation;
        final Instant startedAt;
        final RebuildProgress progress = new RebuildProgress();
        volatile boolean stopRequested;
        volatile State state = State.RUNNING;
        volatile Instant finishedAt;
        volatile String failure;

        Rebuild(String id, int generation, Instant startedAt) {
            this.id = id;
            this.generation = generation;
            this.startedAt = startedAt;
        }

        void finish(State state, Instant at, String failure) {
            this.failure = failure;
            this.finishedAt = at;
            this.state = state;
        }

        RebuildStatus status(Instant now) {
            Instant end = finishedAt == null ? now : finishedAt;
            double seconds = Math.max(Duration.between(startedAt, end).toNanos() / 1e9, 1e-3);
            return new RebuildStatus(id, generation, state, startedAt, finishedAt, progress.recordsToRead(),
                    progress.recordsRead(), progress.eventsApplied(), progress.eventsSkipped(),
                    progress.documentsWritten(), progress.targetOffsetsTotal(), progress.positionsTotal(),
                    progress.targetOffsets(), progress.positions(),
                    Math.round(progress.eventsApplied() / seconds * 10) / 10.0, failure);
        }
    }
}
