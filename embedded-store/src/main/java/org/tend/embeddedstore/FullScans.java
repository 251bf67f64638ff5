package org.tend.embeddedstore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The queries the store answered by reading a whole collection, because no index could serve them: by collection and
 * query shape (the filter with every value replaced by {@code ?}, field names and operators kept), how often, and
 * the most documents one of them read. A query of a hot path that shows up here costs more with every document
 * stored: the shape says which index or query to change. The shapes hold no values; field names are kept as they
 * are, and a few of Tend's name an id (progress's {@code programmes.<programmeId>}), never a person.
 */
public final class FullScans {

    /** Collections smaller than this are not recorded: a scan of a handful of documents costs nothing. */
    public static final int RECORDED_FROM = 100;

    private static final Map<String, Shape> SHAPES = new ConcurrentHashMap<>();

    private FullScans() {
    }

    /** One collection and query shape: how many scans, and the largest collection scanned. */
    public record Scan(String collection, String shape, long count, long largest) {
    }

    private static final class Shape {
        final LongAdder count = new LongAdder();
        final AtomicLong largest = new AtomicLong();
    }

    static void record(String collection, Document query, int documents) {
        if (documents < RECORDED_FROM) {
            return;
        }
        Shape shape = SHAPES.computeIfAbsent(collection + " " + shapeOf(query), k -> new Shape());
        shape.count.increment();
        shape.largest.accumulateAndGet(documents, Math::max);
    }

    /** What was recorded since the last {@link #reset()}, most frequent first. */
    public static List<Scan> snapshot() {
        List<Scan> scans = new ArrayList<>();
        SHAPES.forEach((key, shape) -> {
            int space = key.indexOf(' ');
            scans.add(new Scan(key.substring(0, space), key.substring(space + 1), shape.count.sum(),
                    shape.largest.get()));
        });
        scans.sort(Comparator.comparingLong(Scan::count).reversed());
        return scans;
    }

    public static void reset() {
        SHAPES.clear();
    }

    /** The filter's structure without its values: {@code {$and: [{timestamp: {$gte: ?}}, ...]}}. */
    static String shapeOf(Object value) {
        if (value instanceof Document document) {
            StringBuilder text = new StringBuilder("{");
            for (Map.Entry<String, Object> entry : document.entrySet()) {
                if (text.length() > 1) {
                    text.append(", ");
                }
                text.append(entry.getKey()).append(": ").append(shapeOf(entry.getValue()));
            }
            return text.append('}').toString();
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Document) {
            List<String> parts = new ArrayList<>();
            for (Object element : list) {
                parts.add(shapeOf(element));
            }
            return parts.toString();
        }
        return "?";
    }
}
