package org.tend.embeddedstore;

import java.util.Comparator;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;

/**
 * The order of an {@link OrderedIndex}'s keys: element by element in mongo-java-server's own
 * {@link ValueComparator} order, which is the order its query matcher uses for {@code $gt}/{@code $lt}. So the
 * documents a range query can match are one contiguous run of keys.
 *
 * <p>Why the two bounds: a query may fix only a prefix of a compound key ({@code {a: 1}} on an index
 * {@code {a: 1, b: 1}}), or only one end of a range. A key padded with {@link #LOWEST} sorts before every key that
 * starts with the same elements, one padded with {@link #HIGHEST} after them, so such a query becomes one
 * {@code subMap} of the tree. Neither bound is ever stored.
 *
 * <p>Two different values the comparator calls equal share a bucket; that only makes a bucket return more
 * candidates, which the store's matcher filters out again.
 */
final class KeyOrder implements Comparator<KeyValue> {

    /** Sorts before every value. */
    static final Object LOWEST = new Bound("LOWEST");
    /** Sorts after every value. */
    static final Object HIGHEST = new Bound("HIGHEST");

    static final KeyOrder INSTANCE = new KeyOrder();

    private static final Comparator<Object> VALUES = ValueComparator.asc();

    private KeyOrder() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int c = compareElements(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    static int compareElements(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == LOWEST || b == HIGHEST) {
            return -1;
        }
        if (a == HIGHEST || b == LOWEST) {
            return 1;
        }
        return VALUES.compare(a, b);
    }

    /**
     * Whether {@code value} has a place in this order that agrees with equality: null, numbers, strings,
     * booleans, dates, object ids, UUIDs and timestamps. Arrays nested in arrays, subdocuments (compared field by
     * field, with arrays inside compared by one element) and types the comparator does not know are not; a
     * document holding such a key is kept aside by the index and is a candidate of every query it serves.
     */
    static boolean isOrderable(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof java.time.Instant
                || value instanceof de.bwaldvogel.mongo.bson.ObjectId || value instanceof java.util.UUID
                || value instanceof de.bwaldvogel.mongo.bson.BsonTimestamp;
    }

    private record Bound(String name) {
        @Override
        public String toString() {
            return name;
        }
    }
}
