package org.tend.plumbing.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tend.plumbing.web.UnavailableException;

/**
 * Which generation of the projection is served ({@code active}) and which one a rebuild is filling
 * ({@code building}), kept in the {@code projection_state} document and mirrored here for the writers.
 *
 * <p>Writers run under a read lock and write to every current target (active, and building while a rebuild runs);
 * starting, switching and abandoning a generation take the write lock, so no batch straddles a change of targets and
 * nothing is written into a generation after it was dropped. The switch itself is one single-document update: a
 * reader sees either the old generation or the new one. The lock is per process: a projection's service runs as one
 * instance (the conditional update on {@code building} still refuses a second concurrent rebuild).
 *
 * <p>One projection per database: the state is the document {@value #ID} of {@value #STATE}.
 */
public class ProjectionGenerations {

    private static final Logger log = LoggerFactory.getLogger(ProjectionGenerations.class);
    /** The collection of the projection's state. */
    public static final String STATE = "projection_state";
    /** The id of the state document. */
    public static final String ID = "projection";
    private static final Duration REBUILD_RETRY = Duration.ofSeconds(5);

    private final MongoDatabase database;
    private final MongoCollection<Document> state;
    private final Clock clock;
    private final List<String> collections;
    private final String name;
    /**
     * The layout of the documents this version writes. A served generation of an older layout cannot be read:
     * {@link #servesOutdatedLayout()} says so, and the service rebuilds it from the log at start-up.
     */
    private final int layout;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile int active;
    private volatile Integer building;

    public ProjectionGenerations(MongoDatabase database, Clock clock, Projection projection) {
        this(database, clock, projection.name(), projection.collections(), projection.layout());
    }

    /** Named after its first collection. */
    public ProjectionGenerations(MongoDatabase database, Clock clock, List<String> collections, int layout) {
        this(database, clock, collections.isEmpty() ? "" : collections.get(0), collections, layout);
    }

    /**
     * @param collections the bases of the projection's collection names ({@link Projection#collections()})
     * @param layout      the layout version this code writes ({@link Projection#layout()})
     * @param name        the projection's name ({@link Projection#name()}), used in metric tags
     */
    public ProjectionGenerations(MongoDatabase database, Clock clock, String name, List<String> collections,
                                 int layout) {
        if (collections.isEmpty() || layout < 1) {
            throw new IllegalArgumentException("a projection has at least one collection and a layout of at least 1");
        }
        this.database = database;
        this.state = database.getCollection(STATE);
        this.clock = clock;
        this.collections = List.copyOf(collections);
        this.name = name;
        this.layout = layout;
        initialise();
    }

    /** The projection's name ({@link Projection#name()}), e.g. {@code progress}. */
    public String name() {
        return name;
    }

    /** The served generation as stored, whatever its layout (for status and operations); 1 on a fresh database. */
    public static int activeGeneration(MongoDatabase database) {
        Document doc = database.getCollection(STATE).find(Filters.eq("_id", ID)).first();
        return doc == null ? 1 : doc.getInteger("active", 1);
    }

    /**
     * The generation a read uses, read from the store (once per request: every read of the request then uses it, so
     * a request sees one generation even if a rebuild switches meanwhile).
     *
     * @param layout the layout this version reads
     * @throws UnavailableException (503, {@code Retry-After}) while the served generation is in an older layout: an
     *                              upgrade's rebuild from the log is still running
     */
    public static int readableGeneration(MongoDatabase database, int layout) {
        Document doc = database.getCollection(STATE).find(Filters.eq("_id", ID)).first();
        if (doc != null && doc.getInteger("layout", 1) < layout) {
            throw new UnavailableException("projection-rebuilding", "The data is being rebuilt after an upgrade; "
                    + "try again in a few seconds", REBUILD_RETRY);
        }
        return doc == null ? 1 : doc.getInteger("active", 1);
    }

    /** {@link #readableGeneration(MongoDatabase, int)} with this projection's layout. */
    public int readableGeneration() {
        return readableGeneration(database, layout);
    }

    /** The names of a generation's collections. */
    public List<String> collectionsOf(int generation) {
        return collections.stream().map(base -> Projection.collection(base, generation)).toList();
    }

    /** The generation a collection of this projection belongs to, or -1 for any other collection. */
    public int generationOf(String collection) {
        for (String base : collections) {
            String prefix = base + "_g";
            if (collection.startsWith(prefix)) {
                try {
                    return Integer.parseInt(collection.substring(prefix.length()));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * Loads the state (generation 1 on a fresh database). A generation left building by a process that stopped
     * is dropped, as is every other generation that is not active: a rebuild starts afresh.
     */
    private void initialise() {
        state.updateOne(Filters.eq("_id", ID), Updates.combine(Updates.setOnInsert("active", 1),
                Updates.setOnInsert("layout", layout)), new UpdateOptions().upsert(true));
        Document doc = state.find(Filters.eq("_id", ID)).first();
        active = doc.getInteger("active", 1);
        Integer stale = doc.getInteger("building");
        if (stale != null) {
            log.warn("generation {} was left half-built by a stopped rebuild; dropping it", stale);
            state.updateOne(Filters.eq("_id", ID), Updates.unset("building"));
        }
        building = null;
        for (String name : database.listCollectionNames()) {
            int generation = generationOf(name);
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
        return doc == null || doc.getInteger("layout", 1) < layout;
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
                    Updates.set("layout", layout),
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
        for (String name : collectionsOf(generation)) {
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
