package org.tend.insights.privacy;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The participants a figure (or one of its cells) is computed over: an immutable, sorted set of int ids. The service
 * maps its pseudonymous ids to dense ints once per programme; nothing here needs to know who they are.
 *
 * <p>The one operation the rules need often is "do these two populations differ by 1 to k−1 participants?",
 * answered by {@link #symmetricDifference(Population, int)} without walking further than it must.
 */
public final class Population {

    private static final Population EMPTY = new Population(new int[0]);

    private final int[] ids;
    private int hash;

    private Population(int[] ids) {
        this.ids = ids;
    }

    public static Population empty() {
        return EMPTY;
    }

    /** The given ids in any order; duplicates count once. */
    public static Population of(int... ids) {
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == 0 ? EMPTY : new Population(n == sorted.length ? sorted : Arrays.copyOf(sorted, n));
    }

    /** Ids already strictly increasing (checked); the array is copied. */
    public static Population ofSorted(int[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new IllegalArgumentException("ids must be strictly increasing at index " + i);
            }
        }
        return ids.length == 0 ? EMPTY : new Population(ids.clone());
    }

    public static Population of(BitSet members) {
        return members.isEmpty() ? EMPTY : new Population(members.stream().toArray());
    }

    public int size() {
        return ids.length;
    }

    public boolean isEmpty() {
        return ids.length == 0;
    }

    public boolean contains(int id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    public boolean containsAll(Population other) {
        if (other.size() > size()) {
            return false;
        }
        int i = 0;
        for (int id : other.ids) {
            while (i < ids.length && ids[i] < id) {
                i++;
            }
            if (i == ids.length || ids[i] != id) {
                return false;
            }
        }
        return true;
    }

    public boolean isDisjointFrom(Population other) {
        int i = 0;
        int j = 0;
        while (i < ids.length && j < other.ids.length) {
            if (ids[i] == other.ids[j]) {
                return false;
            } else if (ids[i] < other.ids[j]) {
                i++;
            } else {
                j++;
            }
        }
        return true;
    }

    public Population union(Population other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        int[] out = new int[ids.length + other.ids.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < ids.length || j < other.ids.length) {
            int next;
            if (j == other.ids.length || (i < ids.length && ids[i] < other.ids[j])) {
                next = ids[i++];
            } else if (i == ids.length || other.ids[j] < ids[i]) {
                next = other.ids[j++];
            } else {
                next = ids[i++];
                j++;
            }
            out[n++] = next;
        }
        return new Population(n == out.length ? out : Arrays.copyOf(out, n));
    }

    /** The members of this population that are not in {@code other}. */
    public Population minus(Population other) {
        int[] out = new int[ids.length];
        int n = 0;
        int j = 0;
        for (int id : ids) {
            while (j < other.ids.length && other.ids[j] < id) {
                j++;
            }
            if (j == other.ids.length || other.ids[j] != id) {
                out[n++] = id;
            }
        }
        return n == 0 ? EMPTY : new Population(Arrays.copyOf(out, n));
    }

    /**
     * The number of participants in exactly one of the two populations, or {@code limit} if it is at least
     * {@code limit}. Sizes first (the difference is at least ||A|−|B||), then a merge that skips equal runs with
     * {@link Arrays#mismatch} and stops at the limit: two unrelated populations cost about {@code limit} steps, two
     * near-identical ones one vectorised pass.
     */
    public int symmetricDifference(Population other, int limit) {
        int[] a = ids;
        int[] b = other.ids;
        if (Math.abs(a.length - b.length) >= limit) {
            return limit;
        }
        int i = 0;
        int j = 0;
        int diff = 0;
        while (i < a.length && j < b.length) {
            int skip = Arrays.mismatch(a, i, a.length, b, j, b.length);
            if (skip < 0) {
                return diff;
            }
            i += skip;
            j += skip;
            if (i == a.length || j == b.length) {
                break;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
            if (++diff >= limit) {
                return limit;
            }
        }
        diff += (a.length - i) + (b.length - j);
        return Math.min(diff, limit);
    }

    /** A copy of the ids, in increasing order. */
    public int[] toArray() {
        return ids.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Population p && Arrays.equals(ids, p.ids);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && ids.length > 0) {
            h = Arrays.hashCode(ids);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return ids.length <= 12 ? Arrays.toString(ids) : "Population[" + ids.length + " members]";
    }
}
