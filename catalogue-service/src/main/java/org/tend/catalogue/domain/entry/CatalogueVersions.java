package org.tend.catalogue.domain.entry;

import java.util.regex.Pattern;

/** Orders catalogue versions such as {@code 1.0.0} and {@code 1.10.0} numerically, part by part. */
final class CatalogueVersions {

    private static final Pattern PARTS = Pattern.compile("[.-]");

    private CatalogueVersions() {
    }

    static int compare(String a, String b) {
        String[] left = PARTS.split(a);
        String[] right = PARTS.split(b);
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            long l = i < left.length ? number(left[i]) : 0;
            long r = i < right.length ? number(right[i]) : 0;
            if (l != r) {
                return Long.compare(l, r);
            }
        }
        return 0;
    }

    private static long number(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a numeric catalogue version part: " + part, e);
        }
    }
}
