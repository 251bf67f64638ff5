package org.tend.embeddedstore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique index for mongo-java-server, kept in memory in key order: what the store does not have (1.47
 * answers every {@code createIndex} that is not unique with an index that does nothing, so each such query reads
 * the whole collection, and a command costs more the more is stored).
 *
 * <p>It serves a query whose filter, or a conjunct of its {@code $and}, fixes the first key of the index by a
 * value, {@code $eq}, {@code $in}, {@code null} or {@code $exists: false}, or bounds it by {@code $gt/$gte/$lt/$lte};
 * and, on a compound index, fixes the first keys by equality and bounds the next one. It answers with
 * <em>candidates</em>: the store matches each against the whole filter, sorts and limits, so the index only has to
 * return every document that can match ({@link FieldConditions} explains why reading part of a filter is safe).
 * Everything else (no condition on the first key, {@code $or}, {@code $ne}, regular expressions) the store answers
 * by reading the collection, as before.
 *
 * <p>What it holds: for every key (normalized and with arrays expanded exactly as the store's own unique indexes
 * do it, through {@link Index#getKeyValues}) the documents' {@code _id}s with their positions. So a delete finds a
 * document's entries from the document alone and returns its position, as the store requires of every index that
 * is not sparse. A document whose key cannot be ordered safely (an empty array, an array inside an array, a
 * subdocument) is kept aside and is a candidate of every query; a document missing every key of a
 * <em>sparse</em> index is not held at all, as on MongoDB, and such an index never answers a query for
 * {@code null}. A TTL option is accepted and not enforced (documents never expire here).
 *
 * <p>Nothing is written to disk: on the H2 backend the store rebuilds the index from the documents when it opens
 * (index descriptions are kept in its file).
 */
public class OrderedIndex<P> extends Index<P> {

    /** How many key prefixes one {@code $in} (or a product of several) may expand to before it is not used. */
    static final int MAX_PREFIXES = 1_000;

    private final NavigableMap<KeyValue, Map<KeyValue, P>> tree = new TreeMap<>(KeyOrder.INSTANCE);
    private final Map<KeyValue, P> aside = new HashMap<>();
    private long documents;
    private long multikeyDocuments;
    private final AtomicLong served = new AtomicLong();

    public OrderedIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
    }

    /** How many queries this index has answered (so a test can tell it was not bypassed). */
    public long servedQueries() {
        return served.get();
    }

    @Override
    public P getPosition(Document document) {
        return null; // not unique: the _id index tells where a document is
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        getKeyValues(document); // refuses parallel arrays in a compound key before anything is written, as MongoDB
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        if (isSparse() && !hasAnyKey(document)) {
            return;
        }
        Set<KeyValue> keys = getKeyValues(document);
        KeyValue id = idOf(document);
        documents++;
        if (!isOrderable(keys)) {
            aside.put(id, position);
            return;
        }
        if (keys.size() > 1) {
            multikeyDocuments++;
        }
        for (KeyValue key : keys) {
            tree.computeIfAbsent(key, k -> new HashMap<>(2)).put(id, position);
        }
    }

    @Override
    public synchronized P remove(Document document) {
        if (isSparse() && !hasAnyKey(document)) {
            return null;
        }
        Set<KeyValue> keys = getKeyValues(document);
        KeyValue id = idOf(document);
        P position = null;
        if (!isOrderable(keys)) {
            position = aside.remove(id);
        } else {
            for (KeyValue key : keys) {
                Map<KeyValue, P> bucket = tree.get(key);
                if (bucket != null) {
                    P removed = bucket.remove(id);
                    if (bucket.isEmpty()) {
                        tree.remove(key);
                    }
                    if (removed != null) {
                        position = removed;
                    }
                }
            }
            if (position != null && keys.size() > 1) {
                multikeyDocuments--;
            }
        }
        if (position != null) {
            documents--;
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        getKeyValues(newDocument);
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
                                           MongoCollection<P> collection) {
        if (hasAnyKey(oldDocument) == hasAnyKey(newDocument)
                && Objects.equals(getKeyValues(oldDocument), getKeyValues(newDocument))) {
            return;
        }
        remove(oldDocument);
        add(newDocument, position, collection);
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return ranges(query) != null;
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        List<KeyValue[]> ranges = ranges(query);
        if (ranges == null) {
            throw new IllegalStateException(this + " cannot answer " + query);
        }
        served.incrementAndGet();
        Set<P> candidates = new LinkedHashSet<>();
        for (KeyValue[] range : ranges) {
            if (KeyOrder.INSTANCE.compare(range[0], range[1]) > 0) {
                continue; // e.g. {$gt: 7, $lt: 2}: nothing in between
            }
            for (Map<KeyValue, P> bucket : tree.subMap(range[0], true, range[1], true).values()) {
                candidates.addAll(bucket.values());
            }
        }
        candidates.addAll(aside.values());
        return new ArrayList<>(candidates);
    }

    @Override
    public synchronized long getCount() {
        return documents;
    }

    @Override
    public long getDataSize() {
        return 0; // kept in the heap, not in the store's files
    }

    @Override
    public synchronized void drop() {
        tree.clear();
        aside.clear();
        documents = 0;
        multikeyDocuments = 0;
    }

    /**
     * The key ranges that hold every document {@code query} can match, or null when the query puts no usable
     * condition on the first key.
     */
    private List<KeyValue[]> ranges(Document query) {
        FieldConditions conditions = FieldConditions.of(query);
        List<String> keys = keys();
        List<List<Object>> prefixes = new ArrayList<>();
        prefixes.add(List.of());
        int fixed = 0;
        for (; fixed < keys.size(); fixed++) {
            FieldConditions.Condition condition = conditions.on(keys.get(fixed));
            if (condition == null || !condition.isEquality()
                    || (isSparse() && condition.allowsNull())
                    || (long) prefixes.size() * condition.values().size() > MAX_PREFIXES) {
                break;
            }
            prefixes = extend(prefixes, condition.values());
        }
        FieldConditions.Condition range = fixed < keys.size() ? conditions.on(keys.get(fixed)) : null;
        boolean ranged = range != null && range.isRange();
        if (fixed == 0 && !ranged) {
            return null;
        }
        Object lower = ranged && range.lower() != null ? range.lower() : KeyOrder.LOWEST;
        // An array can satisfy $gt with one element and $lt with another: with arrays in the index, one bound only.
        Object upper = ranged && range.upper() != null && (range.lower() == null || multikeyDocuments == 0)
                ? range.upper() : KeyOrder.HIGHEST;
        List<KeyValue[]> ranges = new ArrayList<>(prefixes.size());
        for (List<Object> prefix : prefixes) {
            ranges.add(new KeyValue[] {bound(prefix, lower, KeyOrder.LOWEST, keys.size()),
                    bound(prefix, upper, KeyOrder.HIGHEST, keys.size())});
        }
        return ranges;
    }

    private static List<List<Object>> extend(List<List<Object>> prefixes, List<Object> values) {
        List<List<Object>> extended = new ArrayList<>(prefixes.size() * values.size());
        for (List<Object> prefix : prefixes) {
            for (Object value : values) {
                List<Object> longer = new ArrayList<>(prefix);
                longer.add(value);
                extended.add(longer);
            }
        }
        return extended;
    }

    /** {@code prefix}, then {@code next} if the prefix does not fill the key, then {@code fill} to its length. */
    private static KeyValue bound(List<Object> prefix, Object next, Object fill, int length) {
        Object[] elements = new Object[length];
        Arrays.fill(elements, fill);
        for (int i = 0; i < prefix.size(); i++) {
            elements[i] = prefix.get(i);
        }
        if (prefix.size() < length) {
            elements[prefix.size()] = next;
        }
        return new KeyValue(elements);
    }

    private static boolean isOrderable(Set<KeyValue> keys) {
        if (keys.isEmpty()) {
            return false;
        }
        for (KeyValue key : keys) {
            for (Object element : key) {
                if (!KeyOrder.isOrderable(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the document has a value (null included) for at least one key: what a sparse index holds. */
    private boolean hasAnyKey(Document document) {
        for (String key : keys()) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, key);
            if (value instanceof Collection<?> values) {
                if (values.stream().anyMatch(v -> !(v instanceof Missing))) {
                    return true;
                }
            } else if (!(value instanceof Missing)) {
                return true;
            }
        }
        return false;
    }

    static KeyValue idOf(Document document) {
        return new KeyValue(document.get("_id")).normalized();
    }
}
