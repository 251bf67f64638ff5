package org.tend.plumbing.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.tend.plumbing.web.ForbiddenException;
import org.tend.security.Role;
import org.tend.security.TokenRules;

/**
 * Enforces {@link RequiresRole}: before a controller method runs (and before its arguments, the body included, are
 * read), the caller's token must hold one of the roles it names, else the 403 problem of fixed detail. The OpenAPI
 * document reads the same annotation through {@link #requiredRoles(HandlerMethod)}.
 */
public final class RoleCheck implements HandlerInterceptor {

    /** The roles an operation needs: its method's {@link RequiresRole}, else its class's; empty when it has none. */
    public static Optional<Set<Role>> requiredRoles(HandlerMethod handler) {
        RequiresRole annotation = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresRole.class);
        if (annotation == null) {
            annotation = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiresRole.class);
        }
        if (annotation == null) {
            return Optional.empty();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(Arrays.asList(annotation.value()));
        return Optional.of(roles);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Optional<Set<Role>> required = requiredRoles(method);
        if (required.isEmpty()) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Set<String> held = authentication == null ? Set.of() : authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(java.util.stream.Collectors.toSet());
        if (required.get().stream().noneMatch(role -> held.contains(role.authority()))) {
            throw new ForbiddenException(TokenRules.FORBIDDEN);
        }
        return true;
    }
}
