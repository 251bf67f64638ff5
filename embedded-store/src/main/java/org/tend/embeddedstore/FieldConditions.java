package org.tend.embeddedstore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;

/**
 * What a query filter says about single fields, in the forms an index can use: a value or one of a list
 * (equality, {@code $eq}, {@code $in}, and {@code null} / {@code $exists: false}, which the null key holds) or
 * the bounds of a range ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}).
 *
 * <p>Why a filter can be read this way: every entry of a filter, every conjunct of {@code $and} and every
 * operator inside one field's condition must hold at once. Reading only some of them therefore describes a
 * <em>superset</em> of the matching documents, and the store checks every candidate against the whole filter
 * before it answers. Anything not understood here ({@code $or}, {@code $ne}, {@code $regex}, {@code $elemMatch},
 * a subdocument or array value, …) is simply not used to narrow the candidates.
 *
 * <p>Values are normalized the way mongo-java-server normalizes index keys (numbers as doubles), so
 * {@code 1}, {@code 1L} and {@code 1.0} find the same key.
 */
final class FieldConditions {

    /** One field's usable condition: {@code values} (any of them) or a range. */
    record Condition(List<Object> values, Object lower, Object upper) {

        boolean isEquality() {
            return values != null;
        }

        boolean isRange() {
            return values == null && (lower != null || upper != null);
        }

        boolean allowsNull() {
            return values != null && values.contains(null);
        }
    }

    private final Map<String, Condition> byField = new LinkedHashMap<>();

    private FieldConditions() {
    }

    /** Reads {@code query}: its top-level fields and, recursively, those of {@code $and}. */
    static FieldConditions of(Document query) {
        FieldConditions conditions = new FieldConditions();
        conditions.read(query, 0);
        return conditions;
    }

    /** The usable condition on {@code field}, or null. */
    Condition on(String field) {
        return byField.get(field);
    }

    private void read(Document query, int depth) {
        if (depth > 8) {
            return;
        }
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.equals("$and") && value instanceof Collection<?> conjuncts) {
                for (Object conjunct : conjuncts) {
                    if (conjunct instanceof Document document) {
                        read(document, depth + 1);
                    }
                }
            } else if (!key.startsWith("$")) {
                Condition condition = condition(value);
                if (condition != null) {
                    byField.merge(key, condition, FieldConditions::narrower);
                }
            }
        }
    }

    /** Two conditions on one field both hold: keep an equality over a range, and the first of two alike. */
    private static Condition narrower(Condition first, Condition second) {
        if (first.isEquality() || !second.isEquality()) {
            if (first.isRange() && second.isRange()) {
                return new Condition(null, first.lower != null ? first.lower : second.lower,
                        first.upper != null ? first.upper : second.upper);
            }
            return first;
        }
        return second;
    }

    private static Condition condition(Object value) {
        if (!(value instanceof Document document)) {
            return isUsableValue(value) ? new Condition(single(normalize(value)), null, null) : null;
        }
        if (document.isEmpty() || !document.keySet().iterator().next().startsWith("$")) {
            return null; // equality with a subdocument
        }
        List<Object> values = null;
        Object lower = null;
        Object upper = null;
        for (Map.Entry<String, Object> operator : document.entrySet()) {
            Object operand = operator.getValue();
            switch (operator.getKey()) {
                case "$eq" -> {
                    if (isUsableValue(operand)) {
                        values = single(normalize(operand));
                    }
                }
                case "$in" -> {
                    if (values == null && operand instanceof Collection<?> list && list.stream().allMatch(
                            FieldConditions::isUsableValue)) {
                        values = new ArrayList<>();
                        for (Object element : list) {
                            values.add(normalize(element));
                        }
                    }
                }
                case "$exists" -> {
                    if (Boolean.FALSE.equals(operand) || operand instanceof Number n && n.doubleValue() == 0) {
                        values = single(null);
                    }
                }
                case "$gt", "$gte" -> {
                    if (operand != null && isUsableValue(operand)) {
                        lower = normalize(operand);
                    }
                }
                case "$lt", "$lte" -> {
                    if (operand != null && isUsableValue(operand)) {
                        upper = normalize(operand);
                    }
                }
                default -> {
                    // $ne, $nin, $regex, $not, $elemMatch, …: not used to narrow
                }
            }
        }
        if (values != null) {
            return new Condition(values, null, null);
        }
        return lower != null || upper != null ? new Condition(null, lower, upper) : null;
    }

    private static List<Object> single(Object value) {
        List<Object> values = new ArrayList<>(1);
        values.add(value);
        return values;
    }

    /** A value an index key can be looked up by: null or a scalar with a place in {@link KeyOrder}. */
    private static boolean isUsableValue(Object value) {
        return KeyOrder.isOrderable(value) && !(value instanceof Double d && d.isNaN());
    }

    static Object normalize(Object value) {
        return new KeyValue(value).normalized().get(0);
    }
}
