package org.tend.plumbing.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A query string the container cannot decode ({@code ?a=%ZZ}, a truncated {@code %2}, too many parameters) is
 * refused here with a 400 problem naming {@code query}. Tomcat accepts such a request line and decodes the query only
 * when a parameter is first read, then throws (Servlet 6.1): deep inside argument resolution that would be a 500.
 * Reading the parameters once, up front, turns it into the client error it is. Characters Tomcat refuses in the
 * request line itself ({@code [ ]}, a bad escape in the path) never get here: {@link ProblemReportValve} answers those.
 */
public class QueryParametersFilter extends OncePerRequestFilter {

    static final String RULE = "malformed-encoding";
    private static final Logger log = LoggerFactory.getLogger(QueryParametersFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null) {
            try {
                request.getParameterMap();
            } catch (IllegalStateException | IllegalArgumentException e) {
                log.debug("refused the query string of {} {}", request.getMethod(), request.getRequestURI(), e);
                String message = "The query string cannot be decoded: every % must start an escape of two hex digits"
                        + " that decodes to UTF-8, and there may be at most a few hundred parameters";
                ProblemHandlers.write(response, ProblemHandlers.problem(HttpStatus.BAD_REQUEST, "malformed-request",
                        message, List.of(new FieldViolation("query", RULE, message))));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
