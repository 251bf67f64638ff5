package org.tend.plumbing.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The container's own error answers as problems. Tomcat refuses some requests before any servlet, filter or Spring
 * MVC handler runs: a request target with characters RFC 3986 does not allow unescaped ({@code ?x[]=1},
 * {@code ?participantId[$ne]=x}), a broken escape in the path ({@code /api/a%ZZ}), an encoded slash or NUL, an
 * over-long header. Its {@code ErrorReportValve} then writes an HTML page (or Spring Boot's, without the report). This
 * valve replaces it on the host ({@link WebAutoConfiguration}) and writes an {@code application/problem+json} body
 * instead, with a generic detail: nothing of the request is echoed. It also answers, the same way, every error status
 * that reaches the host without a body (a request the security firewall refused with {@code sendError}, an exception
 * no handler caught): the services register no error page, so nothing else renders those.
 *
 * <p>Tomcat's settings stay as strict as they are ({@code relaxedQueryChars} and {@code relaxedPathChars} are empty):
 * only the answer changes.
 */
public class ProblemReportValve extends ErrorReportValve {

    public ProblemReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(ProblemHandlers.json(problemFor(status)), StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client has gone, or the response can no longer be written: nothing more to say.
        }
    }

    static ProblemDetail problemFor(int status) {
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        if (status == HttpStatus.BAD_REQUEST.value()) {
            return ProblemHandlers.problem(code, "malformed-request", "The request's URL or headers are malformed or"
                    + " not accepted: characters such as [ ] { } | must be percent-encoded in a URL, every % must start"
                    + " an escape of two hex digits, and a path may not hold encoded slashes, dot segments, empty"
                    + " segments or semicolons", List.of());
        }
        if (status == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
            return ProblemHandlers.problem(code, "internal", "Something failed on our side; it has been logged",
                    List.of());
        }
        HttpStatus known = HttpStatus.resolve(status);
        String type = known == null ? "error" : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return ProblemHandlers.problem(code, type, known == null ? "The request failed" : known.getReasonPhrase(),
                List.of());
    }
}
