package org.tend.plumbing.projection;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tend.plumbing.store.Upserts;
import org.tend.plumbing.web.UnavailableException;

/**
 * Which generation of the projection is served ({@code active}) and which one a rebuild is filling
 * ({@code building}), kept in the {@code projection_state} document and nowhere else: every instance of the service
 * (two or more, sharing one database and one consumer group) reads it from the store, so none acts on a stale copy.
 *
 * <p><b>Live writes</b> ({@link #writeTo}) read the state once per batch, <em>after</em> the batch's records were
 * polled, and write into active and building. That ordering is the whole coordination with a rebuild, no handshake
 * needed: a rebuild claims {@code building} first and only then captures the end offsets it reads up to. A batch
 * whose state read came before the claim was polled before it, so every record in it lies below those end offsets
 * and the rebuild reads it; a batch whose read came after the claim writes into the new generation itself. Every
 * record therefore reaches generation N+1, from the rebuild, the live writer or both, and the writes are idempotent
 * per event id ({@link Projection}), so "both" leaves it there once. (This relies on the store answering the
 * single-document read and the claim in one order, as a primary does, and on Kafka's end offsets never going
 * backwards, which the broker guarantees across leader changes.)
 *
 * <p><b>Generation numbers are never reused</b> ({@code lastGeneration}): a writer that read the state before a
 * switch or an abandonment may still write into the generation that was retired or dropped meanwhile, and an upsert
 * into a dropped collection creates it again. Such a collection can only ever be garbage, never part of a
 * generation that is later built or served. The writer removes it itself: after each batch it reads the state again
 * and drops any generation it just wrote that is no longer active or building (a retired one only once the switch's
 * grace for reads in flight is over, {@code dropAfter}; before that, the switching instance drops it). Whatever is
 * left over by a process that died between the two reads is dropped by the next start-up or rebuild.
 *
 * <p><b>The rebuild's lease.</b> The claim of {@code building} names the rebuild, its owner (an instance id) and
 * {@code leaseUntil}, renewed by the owner's heartbeat ({@link #renew}). Another instance that finds the lease run
 * out abandons the generation ({@link #abandonExpired}); a switch ({@link #activate}) needs an unexpired lease, so an
 * owner that was merely paused past its lease cannot switch in a generation someone else has dropped. The switch is
 * one single-document update: a reader sees the old generation or the new one, never a mixture.
 *
 * <p>One projection per database: the state is the document {@value #ID} of {@value #STATE}.
 */
public class ProjectionGenerations {

    private static final Logger log = LoggerFactory.getLogger(ProjectionGenerations.class);
    /** The collection of the projection's state. */
    public static final String STATE = "projection_state";
    /** The id of the state document. */
    public static final String ID = "projection";
    /** The lease a claim without an explicit one gets (tests, and callers that renew it themselves). */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    private static final Duration REBUILD_RETRY = Duration.ofSeconds(5);

    /**
     * The state as stored.
     *
     * @param active         the served generation
     * @param building       the generation a rebuild is filling, or null
     * @param rebuildId      the rebuild that claimed {@code building}
     * @param owner          the instance that runs it
     * @param leaseUntil     when its lease runs out unless renewed (null: claimed by a version without leases)
     * @param lastGeneration the highest generation number ever handed out
     * @param retired        the generation the last switch replaced, or null
     * @param dropAfter      when reads in flight are done with {@code retired}
     */
    public record State(int active, Integer building, String rebuildId, String owner, Instant leaseUntil,
                        int lastGeneration, Integer retired, Instant dropAfter) {

        /** The generations a live write goes to: active, and building while a rebuild runs. */
        public List<Integer> targets() {
            return building == null ? List.of(active) : List.of(active, building);
        }

        /** Whether the generation is served or being built. */
        public boolean live(int generation) {
            return generation == active || (building != null && generation == building);
        }

        /** Whether a claimed generation's lease has run out (a claim without a lease counts as run out). */
        public boolean leaseExpired(Instant now) {
            return building != null && (leaseUntil == null || !leaseUntil.isAfter(now));
        }

        /** Whether nothing may read the generation any more: not live, and not within a switch's grace. */
        boolean droppable(int generation, Instant now) {
            if (live(generation)) {
                return false;
            }
            return retired == null || retired != generation || dropAfter == null || !now.isBefore(dropAfter);
        }
    }

    /** A claim on the building generation. */
    public record Lease(int generation, String rebuildId, String owner, Instant until) {
    }

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
     * Makes sure the state exists (generation 1 on a fresh database) and that no generation number seen in the
     * database is handed out again; drops a generation left building by an instance whose lease has run out, and
     * every collection of a generation that is neither served nor being built. A generation another instance is
     * building under a live lease is left alone.
     */
    private void initialise() {
        int highest = 1;
        for (String collection : database.listCollectionNames()) {
            highest = Math.max(highest, generationOf(collection));
        }
        Bson filter = Filters.eq("_id", ID);
        Bson update = Updates.combine(Updates.setOnInsert("active", 1), Updates.setOnInsert("layout", layout),
                Updates.max("lastGeneration", highest));
        try {
            state.updateOne(filter, update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // Another instance created the document at the same moment: it exists now.
            if (!Upserts.isDuplicateKey(e)) {
                throw e;
            }
            state.updateOne(filter, update, new UpdateOptions().upsert(true));
        }
        abandonExpired(clock.instant()).ifPresent(lease -> log.warn("generation {} was left half-built by rebuild {} "
                + "of {}, whose lease ran out at {}; dropped it", lease.generation(), lease.rebuildId(), lease.owner(),
                lease.until()));
        dropLeftovers();
    }

    /** The state as stored now. */
    public State state() {
        Document doc = state.find(Filters.eq("_id", ID)).first();
        if (doc == null) {
            return new State(1, null, null, null, null, 1, null, null);
        }
        int active = doc.getInteger("active", 1);
        Integer building = doc.getInteger("building");
        int last = doc.get("lastGeneration") instanceof Number n ? n.intValue() : active;
        return new State(active, building, doc.getString("rebuildId"), doc.getString("owner"),
                instant(doc.get("leaseUntil")), Math.max(last, Math.max(active, building == null ? 0 : building)),
                doc.getInteger("retired"), instant(doc.get("dropAfter")));
    }

    private static Instant instant(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof String text) {
            return Instant.parse(text);
        }
        return null;
    }

    /** The served generation, as stored now. */
    public int active() {
        return state().active();
    }

    /** Whether the served generation was written in an older layout than this version reads. */
    public boolean servesOutdatedLayout() {
        Document doc = state.find(Filters.eq("_id", ID)).first();
        return doc == null || doc.getInteger("layout", 1) < layout;
    }

    /** The generation being built, as stored now, or null. */
    public Integer building() {
        return state().building();
    }

    /** The generations a live write goes to now (for status and tests). */
    public List<Integer> targets() {
        return state().targets();
    }

    /**
     * Runs a live write against the targets stored now (active, and the building generation while a rebuild runs).
     * Call it after the batch's records were polled (see the class comment for why that order matters). Afterwards,
     * a target that was retired or abandoned while the write ran is dropped again, so a late write does not leave a
     * dropped generation behind.
     */
    public <T> T writeTo(Function<List<Integer>, T> write) {
        List<Integer> targets = state().targets();
        try {
            return write.apply(targets);
        } finally {
            dropIfRetiredMeanwhile(targets);
        }
    }

    private void dropIfRetiredMeanwhile(List<Integer> targets) {
        try {
            State now = state();
            Instant at = clock.instant();
            for (int generation : targets) {
                if (!now.live(generation) && now.droppable(generation, at)) {
                    log.info("generation {} was retired while a write into it ran; dropping it again", generation);
                    drop(generation);
                }
            }
        } catch (RuntimeException e) {
            // Garbage at worst, never read; the next start-up or rebuild drops it.
            log.warn("could not check the generations written for retirement", e);
        }
    }

    /**
     * Starts a new generation, empty, into which every later live write also goes, held for
     * {@link #DEFAULT_LEASE} by this process (tests; a rebuild uses {@link #beginBuilding(String, String, Instant)}).
     *
     * @throws IllegalStateException when a generation is already being built
     */
    public int beginBuilding() {
        return beginBuilding(ProjectionInstance.id(), null, clock.instant().plus(DEFAULT_LEASE));
    }

    /**
     * Claims the next generation number (never one handed out before) for a rebuild: from now on every live write
     * also goes there.
     *
     * @param owner      the instance that runs the rebuild
     * @param rebuildId  the rebuild's id (may be null)
     * @param leaseUntil when the claim lapses unless {@link #renew renewed}
     * @throws IllegalStateException when a generation is already being built
     */
    public int beginBuilding(String owner, String rebuildId, Instant leaseUntil) {
        State current = state();
        if (current.building() != null) {
            throw new IllegalStateException("generation " + current.building() + " is already being built by "
                    + current.owner());
        }
        dropLeftovers();
        int target = Math.max(current.active(), current.lastGeneration()) + 1;
        long claimed = state.updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("building", null),
                        Filters.eq("active", current.active()), lastGeneration(current.lastGeneration())),
                Updates.combine(Updates.set("building", target), Updates.set("lastGeneration", target),
                        Updates.set("buildingSince", clock.instant().toString()), Updates.set("owner", owner),
                        Updates.set("rebuildId", rebuildId), Updates.set("leaseUntil", Date.from(leaseUntil))))
                .getMatchedCount();
        if (claimed == 0) {
            throw new IllegalStateException("another rebuild claimed the projection state meanwhile");
        }
        return target;
    }

    private static Bson lastGeneration(int last) {
        // A state written before generation numbers were recorded has none; it counts as the served generation.
        // (A concurrent claim raises it above what was read, so this also refuses a claim that lost a race.)
        return Filters.or(Filters.lte("lastGeneration", last), Filters.exists("lastGeneration", false));
    }

    /** Extends the lease of the rebuild building {@code generation}; false if it no longer holds it. */
    public boolean renew(int generation, String rebuildId, Instant leaseUntil) {
        return state.updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("building", generation),
                        Filters.eq("rebuildId", rebuildId)), Updates.set("leaseUntil", Date.from(leaseUntil)))
                .getMatchedCount() > 0;
    }

    /** Serves {@code generation} from now on (one atomic update); returns the generation it replaced. */
    public int activate(int generation) {
        return activate(generation, Duration.ZERO);
    }

    /**
     * Serves {@code generation} from now on (one atomic update), if it is still being built under an unexpired lease;
     * returns the generation it replaced, which writers leave to the caller to drop until {@code dropGrace} is over.
     *
     * @throws IllegalStateException when the generation is not being built or its lease has run out
     */
    public int activate(int generation, Duration dropGrace) {
        State current = state();
        Instant now = clock.instant();
        if (current.building() == null || current.building() != generation) {
            throw new IllegalStateException("generation " + generation + " is not being built");
        }
        if (current.leaseExpired(now)) {
            throw new IllegalStateException("the lease on generation " + generation + " ran out at "
                    + current.leaseUntil() + "; another instance may have dropped it");
        }
        int previous = current.active();
        long switched = state.updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("building", generation),
                        Filters.eq("active", previous), Filters.gt("leaseUntil", Date.from(now))),
                Updates.combine(Updates.set("active", generation), Updates.set("layout", layout),
                        Updates.set("switchedAt", now.toString()), Updates.set("retired", previous),
                        Updates.set("dropAfter", Date.from(now.plus(dropGrace))), Updates.unset("building"),
                        Updates.unset("buildingSince"), Updates.unset("owner"), Updates.unset("rebuildId"),
                        Updates.unset("leaseUntil"))).getMatchedCount();
        if (switched == 0) {
            throw new IllegalStateException("generation " + generation + " was abandoned or its lease ran out "
                    + "before it could be switched in");
        }
        return previous;
    }

    /** Gives up a generation being built: live writes stop going there and it is dropped. */
    public void abandon(int generation) {
        state.updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("building", generation)), unclaim());
        // Its number is never handed out again: dropping it is safe whoever gave it up.
        drop(generation);
    }

    /**
     * Abandons the building generation if its lease has run out at {@code now} (its owner died or lost the store):
     * the served generation is kept, the half-built one dropped. Returns the lease that lapsed, if this call took it.
     */
    public Optional<Lease> abandonExpired(Instant now) {
        State current = state();
        if (current.building() == null || !current.leaseExpired(now)) {
            return Optional.empty();
        }
        Bson leaseRanOut = current.leaseUntil() == null ? Filters.exists("leaseUntil", false)
                : Filters.lte("leaseUntil", Date.from(now));
        long taken = state.updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("building", current.building()),
                leaseRanOut), unclaim()).getMatchedCount();
        if (taken == 0) {
            return Optional.empty();
        }
        drop(current.building());
        return Optional.of(new Lease(current.building(), current.rebuildId(), current.owner(), current.leaseUntil()));
    }

    private static Bson unclaim() {
        return Updates.combine(Updates.unset("building"), Updates.unset("buildingSince"), Updates.unset("owner"),
                Updates.unset("rebuildId"), Updates.unset("leaseUntil"));
    }

    /** Drops every collection of a generation that is neither active nor being built. */
    public void dropRetired(int generation) {
        if (state().live(generation)) {
            throw new IllegalArgumentException("generation " + generation + " is in use");
        }
        drop(generation);
    }

    /**
     * Drops the collections of every generation that was handed out and is no longer served or built (a late write's
     * leftovers, a retired generation whose switching instance stopped before dropping it). Numbers above
     * {@code lastGeneration} are left alone: another instance may have claimed one after the state was read.
     */
    private void dropLeftovers() {
        List<String> existing = database.listCollectionNames().into(new ArrayList<>());
        State current = state();
        Instant now = clock.instant();
        for (String collection : existing) {
            int generation = generationOf(collection);
            if (generation > 0 && generation <= current.lastGeneration() && current.droppable(generation, now)) {
                database.getCollection(collection).drop();
            }
        }
    }

    private void drop(int generation) {
        List<String> existing = database.listCollectionNames().into(new ArrayList<>());
        for (String collection : collectionsOf(generation)) {
            if (existing.contains(collection)) {
                database.getCollection(collection).drop();
            }
        }
    }
}
