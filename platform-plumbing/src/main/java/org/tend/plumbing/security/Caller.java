package org.tend.plumbing.security;

import org.tend.security.Role;
import org.tend.security.TokenRules;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.web.ForbiddenException;

/**
 * Who is calling: the login subject (which never leaves this service), the pseudonymous id every service derives
 * from it, the roles of the validated token and, for HR, the organisation they belong to (the token's {@code org}
 * claim: a slug such as {@code acme}, the same slug programmes are created for). Controllers take it as a parameter.
 *
 * @param organisation the {@code org} claim when it is a slug; empty when absent or malformed (a service that needs
 *                     it refuses the request rather than guessing)
 */
public record Caller(String subject, String pseudonym, Set<Role> roles, Optional<String> organisation) {

    /** The name of the claim that says which organisation the caller belongs to. */
    public static final String ORGANISATION_CLAIM = "org";
    /** An organisation slug, as programmes are created for ({@code acme}, {@code acme-uk}). */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int SLUG_MAX = 40;

    public Caller {
        Objects.requireNonNull(organisation, "organisation");
    }

    /** A caller of no organisation. */
    public Caller(String subject, String pseudonym, Set<Role> roles) {
        this(subject, pseudonym, roles, Optional.empty());
    }

    /** The caller of a validated token: its known roles, the pseudonym of its subject, and its organisation. */
    public static Caller of(JwtAuthenticationToken token, Pseudonymizer pseudonymizer) {
        Set<Role> roles = token.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length())).map(Role::fromClaim)
                .flatMap(Optional::stream).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        String subject = token.getToken().getSubject();
        if (subject == null || subject.isBlank()) {
            throw new ForbiddenException("the token has no subject");
        }
        return new Caller(subject, pseudonymizer.pseudonymFor(subject), roles,
                organisationOf(token.getToken().getClaims().get(ORGANISATION_CLAIM)));
    }

    /** The claim's value when it is a slug; anything else (absent, not text, not a slug) names no organisation. */
    static Optional<String> organisationOf(Object claim) {
        return claim instanceof String slug && slug.length() <= SLUG_MAX && SLUG.matcher(slug).matches()
                ? Optional.of(slug) : Optional.empty();
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
