package org.tend.plumbing.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.idempotency.IdempotencyRecords.Claim;
import org.tend.plumbing.idempotency.IdempotencyRecords.Outcome;
import org.tend.plumbing.web.CachedBodyRequest;
import org.tend.plumbing.web.FieldViolation;
import org.tend.plumbing.web.ProblemHandlers;

/**
 * {@code Idempotency-Key} on the creating requests of every service: a {@code POST} under {@code /api/} that carries
 * the header is run at most once per (caller, key) within the TTL ({@code tend.idempotency.ttl}, 24 h), as the IETF
 * draft "The Idempotency-Key HTTP Header Field" describes. Runs after the security filters, so the caller is the
 * validated token's pseudonym: the same key from another caller is another request.
 * <ul>
 *   <li>first time: the request runs; a 2xx or 4xx outcome is kept (status, Content-Type, Location, body);</li>
 *   <li>the same request again (same method, target and body): the kept outcome is answered, with
 *       {@code Idempotent-Replayed: true}, and nothing runs;</li>
 *   <li>the same key with a different request: 422, rule {@value #REUSE};</li>
 *   <li>the same request while the first still runs: 409, rule {@value #IN_FLIGHT}, {@code Retry-After: 1};</li>
 *   <li>a 5xx, an exception, or a 4xx that itself says "try again" (408, 409, 425, 429) is not kept: the key is
 *       released and a retry runs the request again, as the client would expect of a failure on our side.</li>
 * </ul>
 * A malformed key is 400 naming {@code Idempotency-Key}; a request without the header is not affected.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String REUSE = "idempotency-key-reuse";
    public static final String IN_FLIGHT = "idempotency-key-in-flight";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** 4xx answers that tell the client to try the same request again: keeping them would defeat the retry. */
    static final Set<Integer> RETRY_LATER = Set.of(408, 409, 425, 429);

    private final IdempotencyRecords records;
    private final Pseudonymizer pseudonymizer;

    public IdempotencyFilter(IdempotencyRecords records, Pseudonymizer pseudonymizer) {
        this.records = records;
        this.pseudonymizer = pseudonymizer;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/")
                || request.getHeader(IdempotencyKey.HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String caller = callerOf(SecurityContextHolder.getContext().getAuthentication());
        if (caller == null) {
            chain.doFilter(request, response); // not signed in: the security rules have answered already
            return;
        }
        IdempotencyKey.Result key = IdempotencyKey.parse(Collections.list(request.getHeaders(IdempotencyKey.HEADER)));
        if (!key.valid()) {
            ProblemHandlers.write(response, ProblemHandlers.problem(HttpStatus.BAD_REQUEST, "validation-failed",
                    key.fault().message(), List.of(new FieldViolation(IdempotencyKey.HEADER, key.fault().rule(),
                            key.fault().message()))));
            return;
        }
        byte[] body = CachedBodyRequest.bodyOf(request);
        if (body == null) {
            body = request.getInputStream().readAllBytes();
            request = CachedBodyRequest.of(request, body);
        }
        String id = hash(caller, "\n", key.key());
        Claim claim = records.claim(id, fingerprint(request, body));
        if (claim instanceof Claim.Replay replay) {
            replay(response, replay.outcome());
        } else if (claim instanceof Claim.OtherRequest) {
            String message = "This Idempotency-Key was used for a different request (method, path or body);"
                    + " use a new key for a new request";
            ProblemHandlers.write(response, ProblemHandlers.problem(HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency-key-reuse", message, List.of(new FieldViolation(IdempotencyKey.HEADER, REUSE,
                            message))));
        } else if (claim instanceof Claim.InFlight) {
            String message = "A request with this Idempotency-Key is still being processed; retry shortly";
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            ProblemHandlers.write(response, ProblemHandlers.problem(HttpStatus.CONFLICT, "idempotency-key-in-flight",
                    message, List.of(new FieldViolation(IdempotencyKey.HEADER, IN_FLIGHT, message))));
        } else {
            run(request, response, chain, id, ((Claim.Run) claim).owner());
        }
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String id,
                     String owner) throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(request, captured);
            int status = captured.getStatus();
            if (status < 500 && !RETRY_LATER.contains(status) && !request.isAsyncStarted()) {
                records.complete(id, owner, new Outcome(status, captured.getContentType(),
                        captured.getHeader(HttpHeaders.LOCATION), captured.getContentAsByteArray()));
                kept = true;
            }
        } finally {
            if (!kept) {
                records.release(id, owner);
            }
            captured.copyBodyToResponse();
        }
    }

    private static void replay(HttpServletResponse response, Outcome outcome) throws IOException {
        response.setStatus(outcome.status());
        if (outcome.contentType() != null) {
            response.setContentType(outcome.contentType());
        }
        if (outcome.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, outcome.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        response.setContentLength(outcome.body().length);
        response.getOutputStream().write(outcome.body());
        response.flushBuffer();
    }

    private String callerOf(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()
                && token.getToken().getSubject() != null) {
            return pseudonymizer.pseudonymFor(token.getToken().getSubject());
        }
        return null;
    }

    /** SHA-256 of the parts, Base64url: a fixed-length id that keeps neither the key nor the caller. */
    static String hash(String... parts) {
        MessageDigest digest = sha256();
        for (String part : parts) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest());
    }

    /** What makes two requests "the same": method, path, query string and the body's bytes. */
    static String fingerprint(HttpServletRequest request, byte[] body) {
        MessageDigest digest = sha256();
        digest.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        digest.update(body);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
