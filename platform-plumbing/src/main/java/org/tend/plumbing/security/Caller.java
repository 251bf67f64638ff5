package org.tend.plumbing.security;

import org.tend.security.Role;
import org.tend.security.TokenRules;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.web.ForbiddenException;

/**
 * Who is calling: the login subject (which never leaves this service), the pseudonymous id every service derives
 * from it, and the roles of the validated token. Controllers take it as a parameter.
 */
public record Caller(String subject, String pseudonym, Set<Role> roles) {

    /** The caller of a validated token: its known roles, and the pseudonym of its subject. */
    public static Caller of(JwtAuthenticationToken token, Pseudonymizer pseudonymizer) {
        Set<Role> roles = token.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length())).map(Role::fromClaim)
                .flatMap(Optional::stream).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        String subject = token.getToken().getSubject();
        if (subject == null || subject.isBlank()) {
            throw new ForbiddenException("the token has no subject");
        }
        return new Caller(subject, pseudonymizer.pseudonymFor(subject), roles);
    }

    /** The caller of the current request, when it carries a validated token with a subject. */
    public static Optional<Caller> current(Pseudonymizer pseudonymizer) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                && token.getToken().getSubject() != null && !token.getToken().getSubject().isBlank()) {
            return Optional.of(of(token, pseudonymizer));
        }
        return Optional.empty();
    }

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
