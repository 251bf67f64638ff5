package org.tend.plumbing.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the service cannot reach its store, every {@code /api/} request is answered at once with a 503 problem
 * ({@code type /problems/unavailable}) and {@code Retry-After}, instead of waiting for the driver's server selection
 * and running into the gateway's 15-second timeout. With {@code brokerRequired}, the same while it cannot reach its
 * Kafka cluster. Health and the other actuator endpoints are not filtered.
 */
public class UnavailableFilter extends OncePerRequestFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InfrastructureMonitor monitor;
    private final boolean brokerRequired;
    private final Duration retryAfter;

    public UnavailableFilter(InfrastructureMonitor monitor, boolean brokerRequired, Duration retryAfter) {
        this.monitor = monitor;
        this.brokerRequired = brokerRequired;
        this.retryAfter = retryAfter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String missing = !monitor.store().reachable() ? "store"
                : brokerRequired && !monitor.broker().reachable() ? "message broker" : null;
        if (missing == null) {
            chain.doFilter(request, response);
            return;
        }
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "/problems/unavailable");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", "The service cannot reach its " + missing + " right now; nothing was done; retry after "
                + retryAfter.toSeconds() + " s");
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}
