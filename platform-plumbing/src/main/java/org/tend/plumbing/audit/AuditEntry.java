package org.tend.plumbing.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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
 * @param about         what else the request was about that its route pattern does not say (HR insights: the
 *                      programme, measure, period and cohort asked for); identifiers only ({@link #ABOUT}), empty
 *                      for most requests
 * @param occurredAt    to the millisecond (what MongoDB keeps)
 */
public record AuditEntry(String entryId, String actorId, List<String> actorRoles, String action,
                         String participantId, Map<String, String> about, int outcome, String service,
                         Instant occurredAt) {

    /** Method and route pattern, as the schema allows them. */
    public static final Pattern ACTION = Pattern.compile("^[A-Z]{3,7} /api(/[A-Za-z0-9._~{}*-]+)*$");
    /** The route recorded when a request matched none (the request's own path is never recorded). */
    public static final String NO_ROUTE = "/api/**";
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final Pattern SERVICE = Pattern.compile("^[a-z]+-service$");
    /**
     * What an {@code about} may say, each with the form its value must have (the contract's {@code about} object):
     * identifiers only, never a person or free text.
     */
    public static final Map<String, Pattern> ABOUT = Map.of(
            "programmeId", UUID_TEXT,
            "measure", Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$"),
            "period", Pattern.compile("^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$"),
            "cohort", Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$"));
    private static final int ABOUT_VALUE_MAX = 64;

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
        about = about == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(about));
        for (Map.Entry<String, String> e : about.entrySet()) {
            requireThat(isAbout(e.getKey(), e.getValue()),
                    "about holds programmeId, measure, period and cohort as identifiers only, never free text");
        }
        requireThat(outcome >= 100 && outcome <= 599, "outcome must be an HTTP status");
        requireThat(service != null && SERVICE.matcher(service).matches(), "service must be <name>-service");
        Objects.requireNonNull(occurredAt, "occurredAt");
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** An entry about nothing but its route and participant. */
    public AuditEntry(String entryId, String actorId, List<String> actorRoles, String action, String participantId,
                      int outcome, String service, Instant occurredAt) {
        this(entryId, actorId, actorRoles, action, participantId, Map.of(), outcome, service, occurredAt);
    }

    /** A new entry with a fresh id. */
    public static AuditEntry of(String actorId, List<String> actorRoles, String method, String route,
                                String participantId, int outcome, String service, Instant at) {
        return of(actorId, actorRoles, method, route, participantId, Map.of(), outcome, service, at);
    }

    /** A new entry with a fresh id, saying what else the request was about. */
    public static AuditEntry of(String actorId, List<String> actorRoles, String method, String route,
                                String participantId, Map<String, String> about, int outcome, String service,
                                Instant at) {
        return new AuditEntry(UUID.randomUUID().toString(), actorId, actorRoles, method + " " + route,
                participantId, about, outcome, service, at);
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
        if (!about.isEmpty()) {
            doc.append("about", new Document(new LinkedHashMap<>(about)));
        }
        return doc.append("outcome", outcome)
                .append("service", service)
                .append("occurredAt", Date.from(occurredAt));
    }

    public static AuditEntry fromDocument(Document doc) {
        return new AuditEntry(doc.getString("_id"), doc.getString("actorId"),
                new ArrayList<>(doc.getList("actorRoles", String.class)), doc.getString("action"),
                doc.getString("participantId"), aboutOf(doc.get("about", Document.class)), doc.getInteger("outcome"),
                doc.getString("service"),
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
        if (!about.isEmpty()) {
            data.put("about", about);
        }
        data.put("outcome", outcome);
        data.put("service", service);
        data.put("occurredAt", occurredAt.toString());
        return data;
    }

    /** Whether {@code value} is a well-formed {@code name} of an {@code about}. */
    public static boolean isAbout(String name, String value) {
        Pattern form = name == null ? null : ABOUT.get(name);
        return form != null && value != null && value.length() <= ABOUT_VALUE_MAX && form.matcher(value).matches();
    }

    private static Map<String, String> aboutOf(Document about) {
        Map<String, String> out = new TreeMap<>();
        if (about != null) {
            about.forEach((name, value) -> out.put(name, String.valueOf(value)));
        }
        return out;
    }

    private static void requireThat(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
