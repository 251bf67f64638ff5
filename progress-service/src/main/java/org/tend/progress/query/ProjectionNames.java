package org.tend.progress.query;

import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.tend.plumbing.projection.Projection;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.plumbing.projection.RebuildService;

/** Names of the projection's collections, its layout, and the field keys that hold one event each. */
public final class ProjectionNames {

    public static final String STATE = ProjectionGenerations.STATE;
    public static final String REBUILDS = RebuildService.COLLECTION;
    /** The bases of the collections of one generation ({@code journeys_g<N>}, …). */
    public static final List<String> COLLECTIONS = List.of("journeys", "journeymonths", "journeymembers",
            "interventions", "programmes", "erased");
    /**
     * The layout of the documents a generation is written in. A served generation of an older layout cannot be read
     * by this version: the service rebuilds it from the log at start-up and answers 503 meanwhile. Layout 2 keeps each
     * event as {@code {id, type, data}}, the data as the typed edge bound it. Layout 3 keeps a journey's events in one
     * document per participant and calendar month of the event's time ({@code journeymonths}), no longer all in the
     * participant's document: a new result rewrites only its month, however long the journey. Which programmes a
     * participant is in is one document per programme and participant ({@code journeymembers}, indexed by programme),
     * so a practitioner's list finds its journeys by index rather than by reading every journey. Layout 4 adds
     * {@code erased}: the pseudonyms of erased participants, whose records no later write (a record from another topic
     * read after the erasure in a rebuild, a record published late) may bring back.
     */
    public static final int LAYOUT = 4;

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final Pattern SAFE_KEY = Pattern.compile("^[A-Za-z0-9_:-]{1,128}$");

    private ProjectionNames() {
    }

    /** The generations of the journey projection in {@code database}. */
    public static ProjectionGenerations generations(MongoDatabase database, Clock clock) {
        return new ProjectionGenerations(database, clock, COLLECTIONS, LAYOUT);
    }

    public static String journeys(int generation) {
        return Projection.collection("journeys", generation);
    }

    /** The collection of a generation that holds journeys' events, one document per participant and month. */
    public static String journeyMonths(int generation) {
        return Projection.collection("journeymonths", generation);
    }

    /** The calendar month (UTC) whose document keeps an event of this time: {@code 2025-03}. */
    public static String month(Instant time) {
        return MONTH.format(time);
    }

    /**
     * The id of one participant's month document. Participant ids are checked pseudonyms ({@code p_} + base32): they
     * hold no {@code |}, so the id cannot be another participant's.
     */
    public static String monthId(String participantId, String month) {
        return participantId + "|" + month;
    }

    /** The collection of a generation that says who is in which programme: {@code {programmeId, participantId}}. */
    public static String journeyMembers(int generation) {
        return Projection.collection("journeymembers", generation);
    }

    /** The id of one participant's place in one programme. */
    public static String memberId(String programmeId, String participantId) {
        return eventKey(programmeId) + "|" + participantId;
    }

    public static String interventions(int generation) {
        return Projection.collection("interventions", generation);
    }

    public static String programmes(int generation) {
        return Projection.collection("programmes", generation);
    }

    /** The collection of a generation that holds the pseudonyms of erased participants, and nothing else. */
    public static String erased(int generation) {
        return Projection.collection("erased", generation);
    }

    public static List<String> allOf(int generation) {
        return List.of(journeys(generation), journeyMonths(generation), journeyMembers(generation),
                interventions(generation), programmes(generation), erased(generation));
    }

    /**
     * The key under which an event is kept in its document. A CloudEvents id may hold any character, but a MongoDB
     * field path may not hold '.' or start with '$': such an id is replaced by a digest that cannot collide with a
     * plain id (it starts with '~').
     */
    public static String eventKey(String eventId) {
        if (SAFE_KEY.matcher(eventId).matches()) {
            return eventId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8));
            return "~" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
