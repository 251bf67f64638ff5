package org.tend.plumbing.security;

import org.tend.security.Role;
import org.tend.security.TokenRules;
import java.util.Set;
import org.tend.plumbing.web.ForbiddenException;

/**
 * Who is calling: the login subject (which never leaves this service), the pseudonymous id every service derives
 * from it, and the roles of the validated token. Controllers take it as a parameter.
 */
public record Caller(String subject, String pseudonym, Set<Role> roles) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Throws a 403 problem unless the caller holds one of the roles. */
    public Caller require(Role... anyOf) {
        for (Role role : anyOf) {
            if (has(role)) {
                return this;
            }
        }
        throw new ForbiddenException(TokenRules.FORBIDDEN);
    }
}
