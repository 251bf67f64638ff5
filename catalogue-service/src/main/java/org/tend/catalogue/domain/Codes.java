package org.tend.catalogue.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/** Shared lookup for enums that have a stable lowercase code in data and on the wire. */
public final class Codes {
    private Codes() {
    }

    public static <E extends Enum<E>> Optional<E> find(Class<E> type, Function<E, String> code, String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> code.apply(e).equals(value)).findFirst();
    }
}
