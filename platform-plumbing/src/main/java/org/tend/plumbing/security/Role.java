package org.tend.plumbing.security;

import java.util.Locale;
import java.util.Optional;

/** The roles a token may carry in its {@code roles} claim. */
public enum Role {
    PARTICIPANT, PRACTITIONER, HR, ADMIN;

    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + claimValue();
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
