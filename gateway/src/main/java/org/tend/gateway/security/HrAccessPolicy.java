package org.tend.gateway.security;

import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Access to {@code /api/**}: a validated token with at least one known role, except that a token carrying the
 * {@code hr} role passes only on the configured aggregate paths. The employer must never be the party that sees individual data, so a token with
 * {@code hr} is held to that even when it carries other roles too.
 */
public final class HrAccessPolicy implements ReactiveAuthorizationManager<AuthorizationContext> {

    static final String HR_AUTHORITY = "ROLE_hr";

    private final List<PathPattern> hrAllowedPaths;

    public HrAccessPolicy(List<String> hrAllowedPaths) {
        this.hrAllowedPaths = hrAllowedPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        PathContainer path = context.getExchange().getRequest().getPath().pathWithinApplication();
        return authentication
                .filter(auth -> auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken))
                .map(auth -> (AuthorizationResult) new AuthorizationDecision(
                        !auth.getAuthorities().isEmpty() && (!isHr(auth) || allowedForHr(path))))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    private static boolean isHr(Authentication auth) {
        return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(HR_AUTHORITY::equals);
    }

    private boolean allowedForHr(PathContainer path) {
        return hrAllowedPaths.stream().anyMatch(pattern -> pattern.matches(path));
    }
}
