package org.tend.plumbing.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.security.Caller;
import org.tend.security.Role;

/**
 * Records an audit entry ({@link AuditPolicy}: every request of a practitioner, HR or an administrator to
 * {@code /api/**}) in the service's outbox, after the request has been answered and before the answer leaves: the
 * response is held back until the entry is stored. If the entry cannot be stored, the answer to a read is withheld
 * (503 problem {@code audit-unavailable}): no record, no data. A write has already taken effect by then, so its answer
 * still goes out and the lost entry is logged as an error.
 *
 * <p>The entry holds the route pattern Spring MVC matched (never the request's path or query), the participant the
 * request named ({@link Audit}, else a {@code participantId} path variable or query parameter that is a pseudonymous
 * id) and the response's status. Runs after Spring Security's filters, so the caller is known, and around the
 * dispatcher, so refusals and errors the problem handlers answer are recorded with their status.
 */
public final class AuditFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String UNAVAILABLE_DETAIL =
            "The request could not be recorded in the audit trail, so its answer is withheld; retry later";

    private final AuditOutbox outbox;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;
    private final String service;

    public AuditFilter(AuditOutbox outbox, Pseudonymizer pseudonymizer, Clock clock, String service) {
        this.outbox = outbox;
        this.pseudonymizer = pseudonymizer;
        this.clock = clock;
        this.service = service;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/api") || path.startsWith("/api/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = Caller.current(pseudonymizer);
        if (caller.isEmpty() || !AuditPolicy.mayRecord(caller.get().roles())) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        Throwable failure = null;
        try {
            chain.doFilter(request, held);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            failure = e;
        }
        if (AuditPolicy.records(caller.get().roles(), isReferenceData(request))) {
            int outcome = failure == null ? held.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR.value();
            try {
                outbox.append(entry(request, caller.get(), outcome));
            } catch (RuntimeException e) {
                if (isRead(request) && failure == null) {
                    log.error("could not record the audit entry of {} {}; the answer is withheld", request.getMethod(),
                            route(request), e);
                    withhold(held);
                } else {
                    log.error("could not record the audit entry of {} {} (outcome {}); the entry is lost",
                            request.getMethod(), route(request), outcome, e);
                }
            }
        }
        if (failure != null) {
            rethrow(failure);
        }
        held.copyBodyToResponse();
    }

    private AuditEntry entry(HttpServletRequest request, Caller caller, int outcome) {
        List<String> roles = caller.roles().stream().sorted().map(Role::claimValue).toList();
        return AuditEntry.of(caller.pseudonym(), roles, request.getMethod(), route(request), participant(request),
                about(request), outcome, service, clock.instant());
    }

    /** The route pattern the request matched; {@link AuditEntry#NO_ROUTE} when it matched none under /api. */
    static String route(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern == null ? null : pattern.toString();
        return route != null && (route.equals("/api") || route.startsWith("/api/")) ? route : AuditEntry.NO_ROUTE;
    }

    /** What else the controller said the request was about ({@link Audit#about}). */
    @SuppressWarnings("unchecked")
    static Map<String, String> about(HttpServletRequest request) {
        return request.getAttribute(Audit.ABOUT_ATTRIBUTE) instanceof Map<?, ?> about
                ? (Map<String, String>) about : Map.of();
    }

    /** The participant the request is about: named by the controller, else by the route or the query. */
    static String participant(HttpServletRequest request) {
        if (request.getAttribute(Audit.PARTICIPANT_ATTRIBUTE) instanceof String named) {
            return named;
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("participantId") instanceof String fromPath && Pseudonymizer.isPseudonym(fromPath)) {
            return fromPath;
        }
        String fromQuery = queryParameter(request.getQueryString(), "participantId");
        return Pseudonymizer.isPseudonym(fromQuery) ? fromQuery : null;
    }

    private static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static boolean isReferenceData(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler) {
            return handler.hasMethodAnnotation(ReferenceData.class)
                    || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ReferenceData.class);
        }
        return false;
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    private static void withhold(ContentCachingResponseWrapper held) throws IOException {
        held.reset();
        held.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        held.setHeader(HttpHeaders.RETRY_AFTER, "5");
        held.setContentType("application/problem+json");
        held.setCharacterEncoding("UTF-8");
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "/problems/audit-unavailable");
        problem.put("title", HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
        problem.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
        problem.put("detail", UNAVAILABLE_DETAIL);
        held.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }

    private static void rethrow(Throwable failure) throws IOException, ServletException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof ServletException servlet) {
            throw servlet;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw (Error) failure;
    }
}
