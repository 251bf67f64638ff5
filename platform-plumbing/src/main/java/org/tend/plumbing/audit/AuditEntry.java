package org.tend.plumbing.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.Document;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.security.Role;

/**
 * One entry of the audit trail: who (pseudonym and roles) did what (method and route pattern) about whom (the
 * participant the request named, if any), with what outcome (HTTP status), in which service, when. Nothing else: never
 * a response, a score, a query string or free text. The same fields, under the same names, in the service's outbox,
 * on {@code tend.audit.entries} ({@code tend.audit.entry-recorded.v1}) and in assessment-service's trail.
 *
 * @param participantId null when the request named no participant
 * @param occurredAt    to the millisecond (what MongoDB keeps)
 */
public record AuditEntry(String entryId, String actorId, List<String> actorRoles, String action,
                         String participantId, int outcome, String service, Instant occurredAt) {

    /** Method and route pattern, as the schema allows them. */
    public static final Pattern ACTION = Pattern.compile("^[A-Z]{3,7} /api(/[A-Za-z0-9._~{}*-]+)*$");
    /** The route recorded when a request matched none (the request's own path is never recorded). */
    public static final String NO_ROUTE = "/api/**";
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final Pattern SERVICE = Pattern.compile("^[a-z]+-service$");

    public AuditEntry {
        requireThat(entryId != null && UUID_TEXT.matcher(entryId).matches(), "entryId must be a lowercase UUID");
        requireThat(Pseudonymizer.isPseudonym(actorId), "actorId must be a pseudonymous id");
        requireThat(actorRoles != null && !actorRoles.isEmpty(), "actorRoles must name at least one role");
        actorRoles = List.copyOf(actorRoles);
        for (String role : actorRoles) {
            requireThat(Role.fromClaim(role).isPresent(), "actorRoles must be known roles");
        }
        requireThat(action != null && action.length() <= 200 && ACTION.matcher(action).matches(),
                "action must be a method and an /api route pattern");
        requireThat(participantId == null || Pseudonymizer.isPseudonym(participantId),
                "participantId must be a pseudonymous id");
        requireThat(outcome >= 100 && outcome <= 599, "outcome must be an HTTP status");
        requireThat(service != null && SERVICE.matcher(service).matches(), "service must be <name>-service");
        Objects.requireNonNull(occurredAt, "occurredAt");
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new entry with a fresh id. */
    public static AuditEntry of(String actorId, List<String> actorRoles, String method, String route,
                                String participantId, int outcome, String service, Instant at) {
        return new AuditEntry(UUID.randomUUID().toString(), actorId, actorRoles, method + " " + route,
                participantId, outcome, service, at);
    }

    /** The entry as a document keyed by its id ({@code _id}); times as BSON dates so they sort and compare. */
    public Document toDocument() {
        Document doc = new Document("_id", entryId)
                .append("actorId", actorId)
                .append("actorRoles", actorRoles)
                .append("action", action);
        if (participantId != null) {
            doc.append("participantId", participantId);
        }
        return doc.append("outcome", outcome)
                .append("service", service)
                .append("occurredAt", Date.from(occurredAt));
    }

    public static AuditEntry fromDocument(Document doc) {
        return new AuditEntry(doc.getString("_id"), doc.getString("actorId"),
                new ArrayList<>(doc.getList("actorRoles", String.class)), doc.getString("action"),
                doc.getString("participantId"), doc.getInteger("outcome"), doc.getString("service"),
                doc.getDate("occurredAt").toInstant());
    }

    /** The data of its {@code tend.audit.entry-recorded.v1} record (absent fields left out). */
    public Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("entryId", entryId);
        data.put("actorId", actorId);
        data.put("actorRoles", actorRoles);
        data.put("action", action);
        if (participantId != null) {
            data.put("participantId", participantId);
        }
        data.put("outcome", outcome);
        data.put("service", service);
        data.put("occurredAt", occurredAt.toString());
        return data;
    }

    private static void requireThat(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
