package org.tend.insights.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.tend.insights.domain.InsightSettings;
import org.tend.insights.privacy.Disclosure;
import org.tend.insights.privacy.DisclosurePlan;
import org.tend.insights.privacy.FigureKey;
import org.tend.insights.privacy.FigureRelease;
import org.tend.insights.privacy.Observation;
import org.tend.insights.privacy.Period;
import org.tend.insights.privacy.PrivacySettings;
import org.tend.insights.privacy.Rule;
import org.tend.insights.privacy.Scope;

/**
 * The figures of closed periods as they were released while a participant who has since been erased still counted.
 * Erasure deletes everything insights kept about the person, so their figures could otherwise be made again without
 * them, and the difference between what HR saw before and after would reveal the person's contribution. Before the
 * facts go, every figure the programme's plans hold (all of closed periods: a running period is in no plan) is kept
 * here, and from then on answered as kept; periods that close later are planned without the person.
 *
 * <p>The documents are aggregates that passed the privacy planner (what HR may see or why not), nothing about any one
 * person: {@code {_id: <programme>|<measure>|<settings>, programmeId, measure, settings, keptAt, figures: [...]}}
 * ({@code settings} names the settings they were planned under, for the record). They are answered whatever the
 * settings are now: a figure once released stays as it was released, so that no change of settings can be used to
 * see it again without the person (the first figure kept for a key wins). They live outside the generations, since a
 * rebuild from the log cannot make them again.
 */
public final class KeptFigures {

    static final String COLLECTION = "kept_figures";

    private final MongoCollection<Document> kept;
    private final Clock clock;

    public KeptFigures(MongoDatabase db, Clock clock) {
        this.kept = db.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** The name of the settings plans are made under: kept figures are used only under the same ones. */
    static String settingsName(PrivacySettings privacy, InsightSettings settings) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((privacy + "|" + settings).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plans of a programme with every kept figure answered as kept. */
    Map<String, DisclosurePlan> applied(String programmeId, Map<String, DisclosurePlan> plans) {
        Map<String, Map<FigureKey, FigureRelease>> of = of(programmeId);
        if (of.isEmpty()) {
            return plans;
        }
        Map<String, DisclosurePlan> applied = new LinkedHashMap<>();
        plans.forEach((measure, plan) -> applied.put(measure, plan.withKept(of.getOrDefault(measure, Map.of()))));
        return applied;
    }

    /**
     * Keeps every figure of the plans (the kept ones they already answer with included). Two instances may keep
     * figures of one programme at once (erasures of two people, each on the instance that reads that person's
     * partition), so a document is replaced only if nobody replaced it since it was read ({@code version}), else read
     * and merged again; and a figure kept earlier wins over the plan's (which may have been made before it was kept).
     */
    void keep(String programmeId, String settings, Map<String, DisclosurePlan> plans) {
        for (Map.Entry<String, DisclosurePlan> plan : plans.entrySet()) {
            String id = programmeId + "|" + plan.getKey() + "|" + settings;
            while (!keep(id, programmeId, settings, plan.getKey(), plan.getValue())) {
                // another instance kept figures of this measure meanwhile: merge with them
            }
        }
    }

    private boolean keep(String id, String programmeId, String settings, String measure, DisclosurePlan plan) {
        Document before = kept.find(Filters.eq("_id", id)).first();
        Map<FigureKey, FigureRelease> figures = before == null ? new TreeMap<>() : read(before);
        plan.releases().forEach(figures::putIfAbsent);
        List<Document> stored = new ArrayList<>();
        figures.values().forEach(release -> stored.add(write(release)));
        Number version = before == null ? null : before.get("version", Number.class);
        long next = version == null ? 1 : version.longValue() + 1;
        Document doc = new Document("_id", id).append("programmeId", programmeId).append("measure", measure)
                .append("settings", settings).append("version", next)
                .append("keptAt", before == null ? java.util.Date.from(clock.instant()) : before.get("keptAt"))
                .append("figures", stored);
        if (before == null) {
            try {
                kept.insertOne(doc);
                return true;
            } catch (MongoWriteException e) {
                if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                    return false;
                }
                throw e;
            }
        }
        // A document kept before versions existed has none: it is replaced only while it still has none.
        Bson unchanged = version == null ? Filters.exists("version", false) : Filters.eq("version", version);
        return kept.replaceOne(Filters.and(Filters.eq("_id", id), unchanged), doc).getModifiedCount() == 1;
    }

    /** The kept figures of a programme, by measure; of a figure kept more than once, the first kept. */
    Map<String, Map<FigureKey, FigureRelease>> of(String programmeId) {
        Map<String, Map<FigureKey, FigureRelease>> found = new HashMap<>();
        for (Document doc : kept.find(Filters.eq("programmeId", programmeId))
                .sort(com.mongodb.client.model.Sorts.ascending("keptAt"))) {
            Map<FigureKey, FigureRelease> measure = found.computeIfAbsent(doc.getString("measure"),
                    m -> new TreeMap<>());
            read(doc).forEach(measure::putIfAbsent);
        }
        return found;
    }

    private static Map<FigureKey, FigureRelease> read(Document doc) {
        Map<FigureKey, FigureRelease> figures = new TreeMap<>();
        for (Document figure : doc.getList("figures", Document.class, List.of())) {
            Document scope = figure.get("scope", Document.class);
            Document period = figure.get("period", Document.class);
            FigureKey key = FigureKey.of(new Scope(Scope.Level.valueOf(scope.getString("level")),
                    scope.getString("cohort")), new Period(Period.Kind.valueOf(period.getString("kind")),
                    YearMonth.parse(period.getString("first")), YearMonth.parse(period.getString("last"))));
            Map<String, Disclosure> cells = new LinkedHashMap<>();
            for (Document cell : figure.getList("cells", Document.class, List.of())) {
                cells.put(cell.getString("category"), disclosure(cell.get("value", Document.class)));
            }
            Document sum = figure.get("sum", Document.class);
            figures.put(key, new FigureRelease(key, Observation.Kind.valueOf(figure.getString("kind")),
                    disclosure(figure.get("count", Document.class)),
                    sum == null ? Optional.empty() : Optional.of(disclosure(sum)), cells));
        }
        return figures;
    }

    private static Document write(FigureRelease release) {
        List<Document> cells = new ArrayList<>();
        release.cells().forEach((category, value) -> cells.add(new Document("category", category)
                .append("value", write(value))));
        return new Document("scope", new Document("level", release.key().scope().level().name())
                .append("cohort", release.key().scope().cohort()))
                .append("period", new Document("kind", release.key().period().kind().name())
                        .append("first", release.key().period().first().toString())
                        .append("last", release.key().period().last().toString()))
                .append("kind", release.kind().name())
                .append("count", write(release.count()))
                .append("sum", release.sum().map(KeptFigures::write).orElse(null))
                .append("cells", cells);
    }

    private static Document write(Disclosure value) {
        if (value instanceof Disclosure.Released r) {
            return new Document("released", true).append("value", r.value()).append("noisy", r.noisy());
        }
        return new Document("released", false).append("rule", ((Disclosure.Withheld) value).rule().name());
    }

    private static Disclosure disclosure(Document stored) {
        return stored.getBoolean("released")
                ? new Disclosure.Released(stored.get("value", Number.class).longValue(), stored.getBoolean("noisy"))
                : new Disclosure.Withheld(Rule.valueOf(stored.getString("rule")));
    }
}
