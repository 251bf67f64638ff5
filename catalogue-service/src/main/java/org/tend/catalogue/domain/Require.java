package org.tend.catalogue.domain;

import java.util.Collection;

/** Argument checks for the domain records' constructors. */
final class Require {
    private Require() {
    }

    static String text(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    static <T> T present(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must be given");
        }
        return value;
    }

    static <C extends Collection<?>> C notEmpty(C values, String what) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (Object value : values) { // not contains(null): immutable collections throw on it
            if (value == null) {
                throw new IllegalArgumentException(what + " must not contain null");
            }
        }
        return values;
    }
}
