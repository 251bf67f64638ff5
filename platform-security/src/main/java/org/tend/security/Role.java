package org.tend.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The roles a token may carry in its {@code roles} claim; any other name grants nothing. */
public enum Role {
    PARTICIPANT, PRACTITIONER, HR, ADMIN;

    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + claimValue();
    }

    /** The known roles among claim values, in the order given, each once; unknown names are ignored. */
    public static List<Role> knownIn(Collection<String> values) {
        return values.stream().map(Role::fromClaim).flatMap(Optional::stream).distinct().toList();
    }

    public static Optional<Role> fromClaim(String value) {
        for (Role role : values()) {
            if (role.claimValue().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
