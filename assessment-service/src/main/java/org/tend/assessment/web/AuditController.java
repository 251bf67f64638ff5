package org.tend.assessment.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tend.assessment.query.AuditTrail;
import org.tend.assessment.query.AuditTrail.Position;
import org.tend.plumbing.audit.AuditEntry;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.BadRequestException;
import org.tend.security.Role;

/**
 * The audit trail, for administrators only: who (pseudonym and roles) did what (method and route) about whom, with what
 * outcome, in which service, when; newest first, a page at a time. It holds no scores and no free text, because its
 * entries never had any. Reading it is itself recorded (an administrator's query, like any other).
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final Pattern SERVICE = Pattern.compile("^[a-z]{1,32}-service$");
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    /** @param nextPageToken absent on the last page; pass it as {@code pageToken} for the next */
    record AuditPage(List<EntryView> entries, String nextPageToken) {
    }

    /**
     * @param participantId absent when the request named no participant
     * @param about         absent when the request was about nothing more than its route (HR insights: programme,
     *                      measure, period, cohort)
     */
    record EntryView(String entryId, String actorId, List<String> actorRoles, String action, String participantId,
                     java.util.Map<String, String> about, int outcome, String service, Instant occurredAt) {
        static EntryView of(AuditEntry entry) {
            return new EntryView(entry.entryId(), entry.actorId(), entry.actorRoles(), entry.action(),
                    entry.participantId(), entry.about().isEmpty() ? null : entry.about(), entry.outcome(),
                    entry.service(), entry.occurredAt());
        }
    }

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /**
     * @param actorId       only entries of this actor (a pseudonymous id)
     * @param participantId only entries about this participant (a pseudonymous id)
     * @param service       only entries of this service ({@code assessment-service}, …)
     * @param from          only entries at or after this time (ISO-8601 UTC)
     * @param to            only entries before this time
     * @param limit         entries per page, 1–200 (default 50)
     * @param pageToken     the previous page's {@code nextPageToken}
     */
    @RequiresRole(Role.ADMIN)
    @GetMapping
    AuditPage read(@RequestParam(required = false) String actorId,
                   @RequestParam(required = false) String participantId,
                   @RequestParam(required = false) String service,
                   @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to,
                   @RequestParam(required = false) String limit,
                   @RequestParam(required = false) String pageToken) {
        AuditTrail.Query query = new AuditTrail.Query(pseudonym("actorId", actorId),
                pseudonym("participantId", participantId), service(service), time("from", from), time("to", to),
                limit(limit), position(pageToken));
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new BadRequestException("to", "after-from", "to must be later than from");
        }
        AuditTrail.Page page = trail.page(query);
        return new AuditPage(page.entries().stream().map(EntryView::of).toList(),
                page.next().map(AuditController::token).orElse(null));
    }

    private static String pseudonym(String field, String value) {
        return value == null ? null : BadRequestException.requirePseudonym(field, value);
    }

    private static String service(String value) {
        if (value != null && !SERVICE.matcher(value).matches()) {
            throw new BadRequestException("service", "pattern",
                    "service must name a service as it names itself, e.g. goal-service");
        }
        return value;
    }

    private static Instant time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "format",
                    field + " must be an ISO-8601 time in UTC, e.g. 2026-03-05T10:15:30Z");
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new BadRequestException("limit", "range", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** A page token is where the previous page ended: its last entry's time and id, opaque to clients. */
    static String token(Position position) {
        String text = position.occurredAt().toEpochMilli() + ":" + position.entryId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Position position(String token) {
        if (token == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            String entryId = text.substring(colon + 1);
            if (colon > 0 && UUID_TEXT.matcher(entryId).matches()) {
                return new Position(Instant.ofEpochMilli(Long.parseLong(text.substring(0, colon))), entryId);
            }
        } catch (IllegalArgumentException e) {
            // below (NumberFormatException is one)
        }
        throw new BadRequestException("pageToken", "malformed", "pageToken must be a nextPageToken of this API");
    }
}
