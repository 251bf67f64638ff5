package org.tend.progress.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which generation of the projection is served ({@code active}) and which one a rebuild is filling
 * ({@code building}), kept in the {@code projection_state} document and mirrored here for the writers.
 *
 * <p>Writers run under a read lock and write to every current target (active, and building while a rebuild runs);
 * starting, switching and abandoning a generation take the write lock, so no batch straddles a change of targets and
 * nothing is written into a generation after it was dropped. The switch itself is one single-document update: a
 * reader sees either the old generation or the new one. The lock is per process: progress-service runs as one
 * instance (the conditional update on {@code building} still refuses a second concurrent rebuild).
 */
public class ProjectionGenerations {

    private static final Logger log = LoggerFactory.getLogger(ProjectionGenerations.class);
    static final String ID = "projection";
    /**
     * The layout of the documents a generation is written in. A served generation of an older layout cannot be read
     * by this version: {@link #servesOutdatedLayout()} says so, and the service rebuilds it from the log at start-up.
     * Layout 2 keeps each event as {@code {id, type, data}}, the data as the typed edge bound it.
     */
    static final int LAYOUT = 2;

    private final MongoDatabase database;
    private final MongoCollection<Document> state;
    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile int active;
    private volatile Integer building;

    public ProjectionGenerations(MongoDatabase database, Clock clock) {
        this.database = database;
        this.state = database.getCollection(ProjectionNames.STATE);
        this.clock = clock;
        initialise();
    }

    /**
     * Loads the state (generation 1 on a fresh database). A generation left building by a process that stopped
     * is dropped, as is every other generation that is not active: a rebuild starts afresh.
     */
    private void initialise() {
        state.updateOne(Filters.eq("_id", ID), Updates.combine(Updates.setOnInsert("active", 1),
                Updates.setOnInsert("layout", LAYOUT)), new UpdateOptions().upsert(true));
        Document doc = state.find(Filters.eq("_id", ID)).first();
        active = doc.getInteger("active", 1);
        Integer stale = doc.getInteger("building");
        if (stale != null) {
            log.warn("generation {} was left half-built by a stopped rebuild; dropping it", stale);
            state.updateOne(Filters.eq("_id", ID), Updates.unset("building"));
        }
        building = null;
        for (String name : database.listCollectionNames()) {
            int generation = ProjectionNames.generationOf(name);
            if (generation > 0 && generation != active) {
                database.getCollection(name).drop();
            }
        }
    }

    public int active() {
        return active;
    }

    /** Whether the served generation was written in an older layout than this version reads. */
    public boolean servesOutdatedLayout() {
        Document doc = state.find(Filters.eq("_id", ID)).first();
        return doc == null || doc.getInteger("layout", 1) < LAYOUT;
    }

    public Integer building() {
        return building;
    }

    /** The generations a live write goes to now (for status and tests). */
    public List<Integer> targets() {
        return writeTo(List::copyOf);
    }

    /** Runs a write against the current targets (active, and the building generation while a rebuild runs). */
    public <T> T writeTo(Function<List<Integer>, T> write) {
        lock.readLock().lock();
        try {
            List<Integer> targets = new ArrayList<>(2);
            targets.add(active);
            if (building != null) {
                targets.add(building);
            }
            return write.apply(targets);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Starts a new generation (active + 1), empty, into which every later live write also goes.
     *
     * @throws IllegalStateException when a generation is already being built
     */
    public int beginBuilding() {
        lock.writeLock().lock();
        try {
            if (building != null) {
                throw new IllegalStateException("generation " + building + " is already being built");
            }
            int target = active + 1;
            drop(target);
            long claimed = state.updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("building", null)),
                    Updates.combine(Updates.set("building", target),
                            Updates.set("buildingSince", clock.instant().toString()))).getModifiedCount();
            if (claimed == 0) {
                throw new IllegalStateException("another rebuild holds the projection state");
            }
            building = target;
            return target;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Serves {@code generation} from now on (one atomic update); returns the generation it replaced. */
    public int activate(int generation) {
        lock.writeLock().lock();
        try {
            requireBuilding(generation);
            int previous = active;
            state.updateOne(Filters.eq("_id", ID), Updates.combine(Updates.set("active", generation),
                    Updates.set("layout", LAYOUT),
                    Updates.set("switchedAt", clock.instant().toString()), Updates.unset("building"),
                    Updates.unset("buildingSince")));
            active = generation;
            building = null;
            return previous;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Gives up a generation being built: live writes stop going there and it is dropped. */
    public void abandon(int generation) {
        lock.writeLock().lock();
        try {
            if (building == null || building != generation) {
                return;
            }
            state.updateOne(Filters.eq("_id", ID), Updates.combine(Updates.unset("building"),
                    Updates.unset("buildingSince")));
            building = null;
        } finally {
            lock.writeLock().unlock();
        }
        drop(generation);
    }

    /** Drops every collection of a generation that is neither active nor being built. */
    public void dropRetired(int generation) {
        if (generation == active || (building != null && generation == building)) {
            throw new IllegalArgumentException("generation " + generation + " is in use");
        }
        drop(generation);
    }

    private void drop(int generation) {
        List<String> existing = database.listCollectionNames().into(new ArrayList<>());
        for (String name : ProjectionNames.allOf(generation)) {
            if (existing.contains(name)) {
                database.getCollection(name).drop();
            }
        }
    }

    private void requireBuilding(int generation) {
        if (building == null || building != generation) {
            throw new IllegalStateException("generation " + generation + " is not being built");
        }
    }
}
