package org.tend.plumbing.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over the limit ({@code tend.web.max-body-size}, 64 KiB by default) with a 413 problem, for
 * every request of the service, before anything else reads it. A declared Content-Length over the limit is refused
 * without reading a byte; otherwise the bytes that actually arrive are counted (a chunked body has no length to
 * trust), at most one more than the limit is read, and a body within the limit is kept in memory for the rest of the
 * chain ({@link CachedBodyRequest}).
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    static final String RULE = "max-size";

    private final long limit;

    public RequestBodyLimitFilter(long limit) {
        if (limit < 0 || limit > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tend.web.max-body-size must be from 0 to 2 GiB, not " + limit);
        }
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            refuse(response);
            return;
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            refuse(response);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    /** The body, or null when it is longer than the limit (then at most limit + 1 bytes have been read). */
    private byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long left = limit + 1;
        for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0; ) {
            body.write(buffer, 0, n);
            left -= n;
        }
        return body.size() > limit ? null : body.toByteArray();
    }

    private void refuse(HttpServletResponse response) throws IOException {
        String message = "The request body may have at most " + limit + " bytes";
        // The rest of the body is not read: the connection cannot carry another request after this answer.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        ProblemHandlers.write(response, ProblemHandlers.problem(HttpStatus.CONTENT_TOO_LARGE, "content-too-large",
                message, List.of(new FieldViolation("body", RULE, message))));
    }
}
