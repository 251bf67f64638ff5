package org.tend.plumbing.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * Runs rebuilds of a projection whose service may run as several instances on one database: at most one rebuild at
 * a time across all of them, started through any instance's admin endpoint and followed through any.
 *
 * <p>A rebuild claims generation N+1 in the projection's state ({@link ProjectionGenerations#beginBuilding(String,
 * String, Instant)}: from then on every instance's live listener writes into it too), runs the {@link Engine} up to
 * the end offsets it captures after the claim, then switches the served generation in one update and, after a grace
 * for reads in flight, drops the old one. A failed or stopped rebuild abandons its generation; the served one is
 * untouched.
 *
 * <p><b>Lease.</b> The claim is held by this instance ({@link Coordination#instanceId()}) for
 * {@link Coordination#lease()}, renewed every {@link Coordination#heartbeat()} together with the rebuild's progress
 * in its record. Every instance also sweeps on that beat: a claim whose lease has run out (its owner was killed, or
 * lost the store for longer than the lease) is abandoned, its generation dropped and its record marked
 * {@link State#FAILED} with the reason; an operator starts it again. An owner that comes back after that finds its
 * lease gone: its heartbeat stops the engine and the switch refuses it. Start-up sweeps the same way, so it fails only
 * rebuilds whose lease has run out, not one another instance is running.
 *
 * <p><b>Records.</b> Every rebuild is a document of the {@code rebuilds} collection, and {@link #find} and
 * {@link #current} read them from the store, so each instance answers the same; a running rebuild's progress there is
 * at most one heartbeat old.
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

    /**
     * How instances coordinate a rebuild.
     *
     * @param instanceId who holds a rebuild's lease ({@link ProjectionInstance#id()} by default)
     * @param lease      how long a claim lasts without renewal: how soon another instance gives up the rebuild of
     *                   one that died
     * @param heartbeat  how often the lease is renewed, the progress recorded and expired leases swept (well below
     *                   the lease, so that a slow beat or two does not lose it)
     */
    public record Coordination(String instanceId, Duration lease, Duration heartbeat) {
        public Coordination {
            if (lease.compareTo(heartbeat) <= 0 && !heartbeat.isZero()) {
                log.warn("a rebuild lease of {} is not longer than its heartbeat of {}", lease, heartbeat);
            }
        }

        /** This process's id, a 30 s lease renewed every 5 s. */
        public static Coordination defaults() {
            return new Coordination(ProjectionInstance.id(), Duration.ofSeconds(30), Duration.ofSeconds(5));
        }
    }

    private final ProjectionGenerations generations;
    private final Engine engine;
    private final MongoCollection<Document> records;
    private final Clock clock;
    private final Duration dropGrace;
    private final Coordination coordination;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tend-projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    /** The heartbeat, the sweep, and the drops of retired generations after their grace. */
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tend-projection-lease");
        thread.setDaemon(true);
        return thread;
    });
    /** The rebuild this instance runs, if any. */
    private Rebuild running;
    /** The running rebuild, or the last one this process ran (for the metrics). */
    private volatile Rebuild latest;
    /** A lapsed rebuild was given up while the served generation is of an outdated layout: the next beat starts one. */
    private volatile boolean layoutRebuildDue;

    /** With {@link Coordination#defaults()}. */
    public RebuildService(ProjectionGenerations generations, Engine engine, MongoDatabase database, Clock clock,
                          Duration dropGrace) {
        this(generations, engine, database, clock, dropGrace, Coordination.defaults());
    }

    public RebuildService(ProjectionGenerations generations, Engine engine, MongoDatabase database, Clock clock,
                          Duration dropGrace, Coordination coordination) {
        this.generations = generations;
        this.engine = engine;
        this.records = database.getCollection(COLLECTION);
        this.clock = clock;
        this.dropGrace = dropGrace;
        this.coordination = coordination;
        // A rebuild recorded as running whose lease has run out belonged to an instance that stopped; one whose
        // lease is alive belongs to another instance and goes on.
        sweep();
        long beat = Math.max(1, coordination.heartbeat().toMillis());
        scheduler.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** This instance's id, as its leases name it. */
    public String instanceId() {
        return coordination.instanceId();
    }

    /**
     * Starts a rebuild into the next generation.
     *
     * @throws ConflictException when a rebuild is already running, on this instance or another
     */
    public synchronized RebuildStatus start() {
        if (running != null) {
            throw new ConflictException("rebuild", "one-at-a-time",
                    "rebuild " + running.id + " is still running; wait until it has caught up or failed");
        }
        // A claim whose owner died does not hold a new rebuild back once its lease has run out.
        sweep();
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(coordination.lease());
        int generation;
        try {
            generation = generations.beginBuilding(coordination.instanceId(), id, leaseUntil);
        } catch (IllegalStateException e) {
            ProjectionGenerations.State state = generations.state();
            throw new ConflictException("rebuild", "one-at-a-time", state.rebuildId() == null
                    ? "a rebuild is already running" : "rebuild " + state.rebuildId() + " is still running on "
                    + state.owner() + "; wait until it has caught up or failed");
        }
        Rebuild rebuild = new Rebuild(id, generation, now, leaseUntil);
        running = rebuild;
        latest = rebuild;
        save(rebuild);
        executor.execute(() -> execute(rebuild));
        return rebuild.status(now);
    }

    /** Starts a rebuild unless one is running already, here or on another instance (an upgrade's start-up). */
    public Optional<RebuildStatus> startUnlessRunning() {
        try {
            return Optional.of(start());
        } catch (ConflictException e) {
            log.info("no rebuild started: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** A rebuild as recorded in the store, whichever instance runs or ran it. */
    public Optional<RebuildStatus> find(String rebuildId) {
        Document doc = records.find(Filters.eq("_id", rebuildId)).first();
        if (doc != null && State.RUNNING.name().equals(doc.getString("state"))) {
            Instant leaseUntil = doc.get("leaseUntil") instanceof Date date ? date.toInstant() : null;
            if (leaseUntil == null || !leaseUntil.isAfter(clock.instant())) {
                // Its owner may have died since the last sweep: settle it before answering.
                sweep();
                doc = records.find(Filters.eq("_id", rebuildId)).first();
            }
        }
        return Optional.ofNullable(doc).map(RebuildService::fromDocument);
    }

    /** The rebuild running now on any instance, as recorded. */
    public Optional<RebuildStatus> current() {
        Rebuild local;
        synchronized (this) {
            local = running;
        }
        if (local != null) {
            return Optional.of(local.status(clock.instant()));
        }
        String rebuildId = generations.state().rebuildId();
        return rebuildId == null ? Optional.empty() : find(rebuildId)
                .filter(status -> status.state() == State.RUNNING);
    }

    /**
     * Abandons a claim whose lease has run out (its generation is dropped, the served one kept) and marks every
     * rebuild recorded as running whose lease has run out {@link State#FAILED}, with the reason. Runs on every
     * heartbeat, at start-up, before a start, and when a status read finds such a rebuild.
     */
    public void sweep() {
        Instant now = clock.instant();
        generations.abandonExpired(now).ifPresent(lease -> {
            log.warn("rebuild {} of generation {} on {} stopped renewing its lease (it ran out at {}); generation "
                    + "{} abandoned, the served one kept", lease.rebuildId(), lease.generation(), lease.owner(),
                    lease.until(), lease.generation());
            if (lease.rebuildId() != null) {
                fail(lease.rebuildId(), lapsed(lease.owner(), lease.until()), now);
            }
            // Reads are refused (503) until a generation of this layout is served: that rebuild cannot wait for an
            // operator (at start-up each instance starts it; one that died running it must not leave it undone).
            if (generations.servesOutdatedLayout()) {
                layoutRebuildDue = true;
            }
        });
        ProjectionGenerations.State state = generations.state();
        for (Document doc : records.find(Filters.and(Filters.eq("state", State.RUNNING.name()),
                Filters.or(Filters.exists("leaseUntil", false), Filters.lte("leaseUntil", Date.from(now)))))) {
            String id = doc.getString("_id");
            if (id.equals(state.rebuildId()) && !state.leaseExpired(now)) {
                continue; // renewed in the state; its record's copy of the lease is a beat behind
            }
            Date until = doc.get("leaseUntil") instanceof Date date ? date : null;
            fail(id, until == null ? "the service stopped before the rebuild caught up"
                    : lapsed(doc.getString("owner"), until.toInstant()), now);
        }
    }

    private static String lapsed(String owner, Instant until) {
        return "instance " + owner + " stopped renewing the rebuild's lease (it ran out at " + until
                + "): the generation was abandoned and the served one kept; start the rebuild again";
    }

    private void fail(String rebuildId, String reason, Instant now) {
        records.updateOne(Filters.and(Filters.eq("_id", rebuildId), Filters.eq("state", State.RUNNING.name())),
                Updates.combine(Updates.set("state", State.FAILED.name()), Updates.set("failure", reason),
                        Updates.set("finishedAt", now.toString())));
    }

    /**
     * The heartbeat: renews this instance's lease and records its progress, then sweeps; starts the rebuild of an
     * outdated layout again if the sweep gave one up.
     */
    private void beat() {
        try {
            Rebuild rebuild;
            synchronized (this) {
                rebuild = running;
            }
            if (rebuild != null && rebuild.state == State.RUNNING && !rebuild.lost) {
                Instant leaseUntil = clock.instant().plus(coordination.lease());
                if (generations.renew(rebuild.generation, rebuild.id, leaseUntil)) {
                    rebuild.leaseUntil = leaseUntil;
                    saveProgress(rebuild);
                } else if (rebuild.state == State.RUNNING) {
                    log.warn("rebuild {} lost its lease on generation {}; stopping it", rebuild.id,
                            rebuild.generation);
                    rebuild.lost = true;
                    rebuild.stopRequested = true;
                }
            }
            sweep();
            if (layoutRebuildDue) {
                layoutRebuildDue = false;
                startUnlessRunning().ifPresent(status -> log.info("rebuild {} started again to bring the served "
                        + "generation to the current layout", status.rebuildId()));
            }
        } catch (RuntimeException e) {
            log.warn("the rebuild heartbeat failed; trying again in {}", coordination.heartbeat(), e);
        }
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
                throw new IllegalStateException(rebuild.lost ? "the rebuild lost its lease on generation "
                        + rebuild.generation + " (another instance took it as expired)" : "stopped");
            }
            previous = generations.activate(rebuild.generation, dropGrace);
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
        // Reads that started before the switch may still be reading the old generation: dropped after the grace.
        // (Should this instance stop first, the next start-up or rebuild of any instance drops it.)
        try {
            scheduler.schedule(() -> {
                try {
                    generations.dropRetired(previous);
                } catch (RuntimeException e) {
                    log.warn("could not drop retired generation {}", previous, e);
                }
            }, dropGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.info("closing: retired generation {} is left to the next start-up or rebuild", previous);
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

    private Document document(Rebuild rebuild) {
        RebuildStatus s = rebuild.status(clock.instant());
        return new Document("_id", s.rebuildId()).append("generation", s.generation())
                .append("state", s.state().name()).append("startedAt", s.startedAt().toString())
                .append("finishedAt", s.finishedAt() == null ? null : s.finishedAt().toString())
                .append("recordsToRead", s.recordsToRead()).append("recordsRead", s.recordsRead())
                .append("eventsApplied", s.eventsApplied()).append("eventsSkipped", s.eventsSkipped())
                .append("documentsWritten", s.documentsWritten())
                .append("targetOffsets", new Document(new LinkedHashMap<>(s.targetOffsets())))
                .append("positions", new Document(new LinkedHashMap<>(s.positions())))
                .append("eventsPerSecond", s.eventsPerSecond()).append("failure", s.failure())
                .append("owner", coordination.instanceId()).append("leaseUntil", Date.from(rebuild.leaseUntil));
    }

    private void save(Rebuild rebuild) {
        records.replaceOne(Filters.eq("_id", rebuild.id), document(rebuild), new ReplaceOptions().upsert(true));
    }

    /** The progress of a running rebuild, unless another instance has settled its record meanwhile. */
    private void saveProgress(Rebuild rebuild) {
        Document doc = document(rebuild);
        doc.remove("_id");
        if (rebuild.state == State.RUNNING) {
            records.updateOne(Filters.and(Filters.eq("_id", rebuild.id), Filters.eq("state", State.RUNNING.name())),
                    new Document("$set", doc));
        }
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

    /**
     * Stops a running rebuild (its generation is abandoned and it is recorded failed), the rebuild thread and the
     * heartbeat. A retired generation whose grace is still running is dropped when it ends, or by the next start-up.
     */
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
        // Delayed drops still run; the heartbeat stops.
        scheduler.shutdown();
    }

    private static final class Rebuild {
        final String id;
        final int generation;
        final Instant startedAt;
        final RebuildProgress progress = new RebuildProgress();
        volatile boolean stopRequested;
        /** Another instance took the lease as expired: this rebuild must not switch. */
        volatile boolean lost;
        volatile Instant leaseUntil;
        volatile State state = State.RUNNING;
        volatile Instant finishedAt;
        volatile String failure;

        Rebuild(String id, int generation, Instant startedAt, Instant leaseUntil) {
            this.id = id;
            this.generation = generation;
            this.startedAt = startedAt;
            this.leaseUntil = leaseUntil;
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
