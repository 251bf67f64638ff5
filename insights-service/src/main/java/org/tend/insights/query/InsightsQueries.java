package org.tend.insights.query;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tend.contracts.OrganisationIds;
import org.tend.insights.domain.FigureView;
import org.tend.insights.domain.FigureViews;
import org.tend.insights.domain.InsightEvent;
import org.tend.insights.domain.InsightSettings;
import org.tend.insights.domain.Lattices;
import org.tend.insights.domain.Measure;
import org.tend.insights.domain.ProgrammeFacts;
import org.tend.insights.privacy.BudgetedAnswers;
import org.tend.insights.privacy.DisclosurePlan;
import org.tend.insights.privacy.Epsilon;
import org.tend.insights.privacy.FigureKey;
import org.tend.insights.privacy.FigureRelease;
import org.tend.insights.privacy.MeasureLattice;
import org.tend.insights.privacy.Period;
import org.tend.insights.privacy.PrivacyBudget;
import org.tend.insights.privacy.PrivacyPlanner;
import org.tend.insights.privacy.PrivacySettings;
import org.tend.insights.privacy.Rule;
import org.tend.insights.privacy.Scope;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.plumbing.web.UnavailableException;

/**
 * Answers every question from the privacy planner's plans, never by its own suppression: the plans of a programme are
 * made from all its figures at once ({@link Lattices}) when its data, its settings or the last closed month changed,
 * kept, and each answer is read from them ({@link BudgetedAnswers} in noise mode, which charges the asking HR user).
 *
 * <p>A request reads the served generation once ({@link #readableGeneration()}) and passes it to every read, so it
 * sees one generation even if a rebuild switches meanwhile. Plans are stamped with the generation they were made
 * from: once a rebuild has switched the served generation, every plan of the old one is dropped and made again from
 * the new one (a rebuild's writes into the generation it is building do not outdate the served plans).
 *
 * <p>Several instances share the store, each with its own cache. What outdates plans is read from the store for
 * every question (the generation's write counter, the programme's settings and their version), never counted in
 * memory: a settings change or a record written through another instance outdates this one's plans too.
 */
public final class InsightsQueries {

    /** A programme's plans and what they were made from. */
    public record Plans(ProgrammeFacts facts, InsightSettings settings, PrivacySettings privacy,
                        Lattices.Built built, Map<String, DisclosurePlan> plans, YearMonth lastClosed) {

        public int k() {
            return privacy.minimumGroupSize();
        }

        public Optional<Measure> measure(String id) {
            return built.measures().stream().filter(m -> m.id().equals(id)).findFirst();
        }
    }

    /** Figures as shown, with what they cost in noise mode. */
    public record Answers(List<FigureView> figures, Epsilon spent, Optional<Epsilon> remaining,
                          boolean refusedForBudget) {
    }

    /**
     * What plans are made from, as read from the store for one question: the generation, its write counter, the
     * programme's settings with their version, and the last closed month. Both counters are kept in the store and
     * raised by whichever instance writes, so equal stamps mean the same inputs on every instance.
     */
    private record Stamp(int generation, long facts, long erasures, SettingsStore.Versioned settings,
                         YearMonth lastClosed) {
        /**
         * The same but for the facts: new records arrived, nothing else the plans depend on changed. Not after an
         * erasure: plans made before it hold the person's facts and answer no further question.
         */
        boolean onlyFactsDifferFrom(Stamp other) {
            return generation == other.generation && settings.equals(other.settings)
                    && lastClosed.equals(other.lastClosed) && erasures == other.erasures && facts != other.facts;
        }
    }

    private record Cached(Stamp stamp, Plans plans, long madeAtNanos) {
    }

    /** Plans being made that a question must wait for, and what they are being made from. */
    private record Preparing(Stamp stamp, CompletableFuture<Optional<Plans>> plans) {
    }

    private static final Logger log = LoggerFactory.getLogger(InsightsQueries.class);
    /** When to ask again for figures that are being prepared. */
    static final Duration RETRY_PREPARING = Duration.ofSeconds(5);

    private final FactStore facts;
    private final MongoDatabase database;
    private final SettingsStore settings;
    private final NoiseStates noise;
    private final PrivacyBudget budget;
    private final Clock clock;
    private final KeptFigures kept;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Programmes whose plans are being made again while every question is answered from the kept ones. */
    private final Set<String> replanning = ConcurrentHashMap.newKeySet();
    private final Duration refreshAfter;
    private final Executor refresher;
    private final Duration answerWithin;
    private final Map<String, Preparing> preparing = new ConcurrentHashMap<>();
    /** The generation the cached plans were made from. */
    private int cachedGeneration;

    /** Plans made again at once, by the asking request, after every new record (for tests that look at one write at a time). */
    public InsightsQueries(FactStore facts, MongoDatabase database, SettingsStore settings, NoiseStates noise,
                           PrivacyBudget budget, Clock clock) {
        this(facts, database, settings, noise, budget, clock, Duration.ZERO, Runnable::run, Duration.ofSeconds(10));
    }

    /**
     * @param refreshAfter how long plans are kept when only new records arrived (no switch of generation, settings
     *                     or closed month). Only closed periods are planned and records are counted in the month of
     *                     their own time, so a record of the running month changes no plan; a late one changes a plan
     *                     at most this much later. Without it every record would make every programme's plans again,
     *                     and a steady trickle of records would keep every question waiting on the planner.
     * @param refresher    where plans outdated only by new records are made again; meanwhile every question is
     *                     answered from the kept plans, so no question waits on the planner for them (at 50,000
     *                     people a programme's plans take seconds). {@code Runnable::run} makes them in the asking
     *                     request instead. Plans outdated by anything else (a switch of generation, a settings
     *                     change, a month that closed) must be in the answer: they are made by the refresher too
     *                     and the question waits for them, up to {@code answerWithin}.
     * @param answerWithin how long a question waits for plans it must not be answered without (a programme's first,
     *                     or after a settings change); past that it is answered 503 {@code figures-being-prepared}
     *                     with Retry-After while the refresher goes on making them. Below the gateway's response
     *                     timeout (15 s): a programme of 50,000 people takes longer than that to plan the first time.
     */
    public InsightsQueries(FactStore facts, MongoDatabase database, SettingsStore settings, NoiseStates noise,
                           PrivacyBudget budget, Clock clock, Duration refreshAfter, Executor refresher,
                           Duration answerWithin) {
        this.refreshAfter = refreshAfter;
        this.refresher = refresher;
        this.answerWithin = answerWithin;
        this.facts = facts;
        this.database = database;
        this.settings = settings;
        this.noise = noise;
        this.budget = budget;
        this.clock = clock;
        this.kept = new KeptFigures(database, clock);
    }

    /** This month, in UTC: the one still running. */
    public YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC));
    }

    /**
     * The generation a request reads, once per request.
     *
     * @throws org.tend.plumbing.web.UnavailableException (503, Retry-After) while the served generation is in an
     *                                                    older layout than this version reads: the rebuild from the
     *                                                    log that start-up began is still running
     */
    public int readableGeneration() {
        return ProjectionGenerations.readableGeneration(database, InsightsProjection.LAYOUT);
    }

    /** The served generation as stored, whatever its layout (for the admin status). */
    public int activeGeneration() {
        return ProjectionGenerations.activeGeneration(database);
    }

    /** Documents per collection of a generation (for the admin status). */
    public Map<String, Long> counts(int generation) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String base : InsightsProjection.COLLECTIONS) {
            counts.put(base, facts.count(base, generation));
        }
        return counts;
    }

    /** The programmes of an organisation slug; every programme for null (an administrator of no organisation). */
    public List<InsightEvent.ProgrammeCreated> programmes(int generation, String organisation) {
        return facts.programmes(organisation == null ? null : OrganisationIds.published(organisation), generation);
    }

    /** The programme, if it exists and belongs to the organisation (any organisation for null). */
    public Optional<InsightEvent.ProgrammeCreated> programme(int generation, String programmeId, String organisation) {
        return facts.programme(programmeId, generation)
                .filter(p -> organisation == null || p.organisationId().equals(OrganisationIds.published(organisation)));
    }

    public InsightSettings settings(String programmeId) {
        return settings.of(programmeId);
    }

    public void saveSettings(String programmeId, InsightSettings changed) {
        settings.save(programmeId, changed);
    }

    /** The programme's plans in a generation, made again only when something they depend on changed. */
    public Optional<Plans> plans(int generation, String programmeId) {
        Stamp stamp = stamp(generation, programmeId);
        Cached cached = cache.get(programmeId);
        if (cached != null && cached.stamp().equals(stamp)) {
            return Optional.of(cached.plans());
        }
        if (cached != null && stamp.onlyFactsDifferFrom(cached.stamp())) {
            boolean fresh = System.nanoTime() - cached.madeAtNanos() < refreshAfter.toNanos();
            if (!fresh && replanning.add(programmeId)) {
                refresh(generation, programmeId, stamp);
            }
            // The plans just made if the refresher ran in this thread, else the kept ones.
            Cached now = cache.get(programmeId);
            return Optional.of(now != null && now.stamp().generation() == generation ? now.plans() : cached.plans());
        }
        return prepared(generation, programmeId, stamp);
    }

    /**
     * The stamp of a question: two reads of one document each by its id (the generation's write counter, the
     * programme's settings), the counter first, so that facts read after it are at least as new as it says.
     */
    private Stamp stamp(int generation, String programmeId) {
        FactStore.Changes written = facts.changes(generation);
        return new Stamp(generation, written.writes(), written.erasuresIn(programmeId),
                settings.versioned(programmeId), currentMonth().minusMonths(1));
    }

    /**
     * Plans the answer must not go without: made by the refresher (one already being made from the same data is
     * waited for, not made twice), waited for up to {@code answerWithin}, else 503 with Retry-After.
     */
    private Optional<Plans> prepared(int generation, String programmeId, Stamp stamp) {
        Preparing job = preparing.compute(programmeId, (id, running) ->
                running != null && running.stamp().equals(stamp) && !running.plans().isDone()
                        ? running : start(generation, id, stamp));
        try {
            return job.plans().get(answerWithin.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new UnavailableException("figures-being-prepared", "The figures of this programme are being "
                    + "prepared; try again in a few seconds", RETRY_PREPARING);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("could not make the plans of programme " + programmeId, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("figures-being-prepared", "The figures of this programme are being "
                    + "prepared; try again in a few seconds", RETRY_PREPARING);
        }
    }

    private Preparing start(int generation, String programmeId, Stamp stamp) {
        CompletableFuture<Optional<Plans>> plans = new CompletableFuture<>();
        try {
            refresher.execute(() -> {
                try {
                    plans.complete(plansNow(generation, programmeId, stamp));
                } catch (RuntimeException e) {
                    plans.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            plans.completeExceptionally(e);
        }
        return new Preparing(stamp, plans);
    }

    private void refresh(int generation, String programmeId, Stamp stamp) {
        Runnable task = () -> {
            try {
                plansNow(generation, programmeId, stamp);
            } catch (RuntimeException e) {
                // The kept plans go on answering; the next question after refreshAfter tries again.
                log.warn("could not make the plans of programme {} again: {}", programmeId, e.toString());
            } finally {
                replanning.remove(programmeId);
            }
        };
        try {
            refresher.execute(task);
        } catch (RuntimeException e) {
            replanning.remove(programmeId);
            log.warn("could not hand the plans of programme {} to the refresher: {}", programmeId, e.toString());
        }
    }

    private Optional<Plans> plansNow(int generation, String programmeId, Stamp stamp) {
        Cached cached;
        synchronized (this) {
            if (generation > cachedGeneration) {
                // The served generation switched: no plan of the old one is kept (each would be made again anyway,
                // its stamp names the old generation; this also frees those of programmes no one asks about again).
                cache.clear();
                cachedGeneration = generation;
            }
            cached = cache.get(programmeId);
            if (cached != null && cached.stamp().equals(stamp)) {
                return Optional.of(cached.plans());
            }
            Optional<Plans> made = facts.facts(programmeId, generation).map(f -> plan(f, stamp));
            if (generation == cachedGeneration) {
                // A request still reading the generation a rebuild just retired keeps its plans to itself.
                made.ifPresent(p -> cache.put(programmeId, new Cached(stamp, p, System.nanoTime())));
            }
            return made;
        }
    }

    /** Plans made under the settings of the stamp, so that they are never stamped with a version they do not hold. */
    private Plans plan(ProgrammeFacts programme, Stamp stamp) {
        InsightSettings set = stamp.settings().settings();
        YearMonth lastClosed = stamp.lastClosed();
        PrivacySettings privacy = set.privacy(programme.programme().minimumGroupSize());
        Lattices.Built built = Lattices.build(programme, set, lastClosed);
        PrivacyPlanner planner = new PrivacyPlanner(privacy);
        Map<String, DisclosurePlan> plans = new LinkedHashMap<>();
        for (Map.Entry<String, MeasureLattice> lattice : built.lattices().entrySet()) {
            DisclosurePlan plan = privacy.noiseMode()
                    ? noisy(planner, programme.programmeId(), lattice.getKey(), lattice.getValue(), stamp)
                    : planner.plan(lattice.getValue());
            plans.put(lattice.getKey(), plan);
        }
        return new Plans(programme, set, privacy, built,
                kept.applied(programme.programmeId(), plans), lastClosed);
    }

    /** How often a noisy plan is made again when other instances keep saving their draws first. */
    private static final int NOISE_ATTEMPTS = 5;

    /**
     * A noise-mode plan whose draws are the ones stored: planned from the stored state and answered only once its
     * state is saved in place of the one it read. If another instance saved meanwhile, planned again from what it
     * saved (its draws are reused, never drawn a second time); if the stored state was made from newer data than
     * this plan, no plan of this data is answered (the question gets 503 {@code figures-being-prepared} and the next
     * one plans from newer data).
     */
    private DisclosurePlan noisy(PrivacyPlanner planner, String programmeId, String measure, MeasureLattice lattice,
                                 Stamp stamp) {
        NoiseStates.MadeFrom from = new NoiseStates.MadeFrom(stamp.generation(), stamp.facts(),
                stamp.settings().version(), stamp.lastClosed());
        for (int attempt = 0; attempt < NOISE_ATTEMPTS; attempt++) {
            NoiseStates.Read before = noise.read(programmeId, measure);
            DisclosurePlan plan = planner.plan(lattice, before.state());
            NoiseStates.Saved saved = noise.save(programmeId, measure, plan.noiseState(), before, from);
            if (saved == NoiseStates.Saved.SAVED) {
                return plan;
            }
            if (saved == NoiseStates.Saved.MADE_FROM_NEWER) {
                break;
            }
        }
        throw new UnavailableException("figures-being-prepared", "The figures of this programme are being "
                + "prepared; try again in a few seconds", RETRY_PREPARING);
    }

    /**
     * Before participants are erased: keeps every figure of each programme they are in as the plans answer it now,
     * with them still counted (see {@link KeptFigures}), so that erasing them changes no figure HR may already have
     * seen. Plans of the served generation, made again first if new records arrived since the kept ones were made.
     */
    public void keepReleasedFiguresOf(Set<String> participants) {
        int generation = activeGeneration();
        for (String programmeId : facts.programmesOf(participants, generation)) {
            plansToKeep(generation, programmeId).ifPresent(plans -> kept.keep(programmeId,
                    KeptFigures.settingsName(plans.privacy(), plans.settings()), plans.plans()));
            // The plans just made hold the person's facts: not kept in memory once their facts are gone.
            cache.remove(programmeId);
            preparing.remove(programmeId);
        }
    }

    /**
     * The plans whose figures an erasure keeps, from the store's latest stamp: in noise mode another instance may
     * save its draws first (or from newer records), and the plans are made again from them rather than failing the
     * erasure's write.
     */
    private Optional<Plans> plansToKeep(int generation, String programmeId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return plansNow(generation, programmeId, stamp(generation, programmeId));
            } catch (UnavailableException e) {
                if (attempt == NOISE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Forgets every plan of a programme made before the latest erasure of someone in it, whichever instance erased:
     * they hold the erased people's facts, which are kept nowhere else once the erasure is written. The instance that
     * erased forgets its plans of their programmes at once ({@link #keepReleasedFiguresOf}); the others by this sweep,
     * which each instance runs every few seconds (one read of one document), and no question gets them meanwhile (its
     * stamp differs in the programme's erasures, so it waits for new plans).
     *
     * @return how many programmes' plans were forgotten
     */
    public int forgetPlansMadeBeforeErasures() {
        int generation = activeGeneration();
        FactStore.Changes written = facts.changes(generation);
        int forgotten = 0;
        for (Map.Entry<String, Cached> entry : cache.entrySet()) {
            if (madeBeforeAnErasure(entry.getValue().stamp(), entry.getKey(), generation, written)
                    && cache.remove(entry.getKey(), entry.getValue())) {
                forgotten++;
            }
        }
        // Plans a question waited for are held by its finished job until the next question: those too.
        preparing.entrySet().removeIf(job -> job.getValue().plans().isDone()
                && madeBeforeAnErasure(job.getValue().stamp(), job.getKey(), generation, written));
        return forgotten;
    }

    /** Of another generation than the served one (no question reads them again), or older than an erasure in it. */
    private static boolean madeBeforeAnErasure(Stamp stamp, String programmeId, int generation,
                                               FactStore.Changes written) {
        return stamp.generation() != generation || stamp.erasures() < written.erasuresIn(programmeId);
    }

    /**
     * The figures of the measures for a scope and period, as the asking user may see them. A period that has not
     * ended is in no plan: its figures are shown withheld ({@link org.tend.insights.domain.Shown#open}).
     */
    public Answers answer(Plans plans, List<Measure> measures, Scope scope, Period period, String user) {
        boolean closed = !period.last().isAfter(plans.lastClosed());
        FigureKey key = FigureKey.of(scope, period);
        FigureKey toDate = FigureKey.of(scope, Period.toDate(period.last()));
        Integer headcount = headcount(plans, scope);
        List<FigureView> views = new ArrayList<>();
        Epsilon spent = Epsilon.ZERO;
        Optional<Epsilon> remaining = plans.privacy().noiseMode()
                ? Optional.of(remaining(plans, user)) : Optional.empty();
        int offered = 0;
        int refused = 0;
        for (Measure measure : measures) {
            DisclosurePlan plan = plans.plans().get(measure.id());
            Optional<FigureRelease> release = Optional.empty();
            Optional<FigureRelease> toDateRelease = Optional.empty();
            if (closed && plan != null) {
                BudgetedAnswers answers = new BudgetedAnswers(plan, budget);
                Optional<BudgetedAnswers.Answer> answer = answers.answer(user, currentMonth(), key);
                if (answer.isPresent()) {
                    release = Optional.of(answer.get().release());
                    spent = spent.plus(answer.get().spent());
                    remaining = answer.get().remaining().or(() -> Optional.empty());
                    if (plan.release(key).map(FigureRelease::anyReleased).orElse(false)) {
                        offered++;
                        if (!answer.get().release().anyReleased() && answer.get().release().count()
                                instanceof org.tend.insights.privacy.Disclosure.Withheld w && w.rule() == Rule.BUDGET) {
                            refused++;
                        }
                    }
                }
                if (measure.id().equals("enrolled") && !toDate.equals(key)) {
                    Optional<BudgetedAnswers.Answer> td = answers.answer(user, currentMonth(), toDate);
                    if (td.isPresent()) {
                        toDateRelease = Optional.of(td.get().release());
                        spent = spent.plus(td.get().spent());
                        remaining = td.get().remaining().or(() -> Optional.empty());
                    }
                }
            } else if (closed) {
                // A measure without a lattice (nobody has ever been measured on it): an empty figure.
                release = Optional.of(empty(key, measure));
            }
            views.add(FigureViews.view(measure, release, toDateRelease, headcount,
                    intervention(plans, measure), plans.k()));
        }
        return new Answers(views, spent, remaining, offered > 0 && refused == offered);
    }

    private Epsilon remaining(Plans plans, String user) {
        Epsilon limit = plans.settings().monthlyBudget();
        Epsilon used = budget.spent(new PrivacyBudget.Account(plans.facts().programmeId(), user, currentMonth()));
        return limit.compareTo(used) > 0 ? limit.minus(used) : Epsilon.ZERO;
    }

    private static FigureRelease empty(FigureKey key, Measure measure) {
        return new FigureRelease(key, measure.kind(), org.tend.insights.privacy.Disclosure.released(0, false),
                measure.kind() == org.tend.insights.privacy.Observation.Kind.SUM
                        ? Optional.of(org.tend.insights.privacy.Disclosure.released(0, false)) : Optional.empty(),
                Map.of());
    }

    private static Integer headcount(Plans plans, Scope scope) {
        Map<String, Integer> headcounts = plans.settings().eligibleHeadcounts();
        if (!scope.isProgramme()) {
            return headcounts.get(scope.cohort());
        }
        int total = 0;
        for (String cohort : plans.built().cohorts()) {
            Integer n = headcounts.get(cohort);
            if (n == null) {
                return null;
            }
            total += n;
        }
        return plans.built().cohorts().isEmpty() ? null : total;
    }

    private static FigureView.Intervention intervention(Plans plans, Measure measure) {
        if (measure.subject() == null) {
            return null;
        }
        InsightEvent.InterventionPublished entry = plans.facts().catalogue().get(measure.subject());
        return new FigureView.Intervention(measure.subject(), entry == null ? null : entry.name(),
                entry == null ? null : entry.approach());
    }
}
