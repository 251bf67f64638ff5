package org.tend.progress.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Names of the projection's collections and the field keys that hold one event each. */
public final class ProjectionNames {

    public static final String STATE = "projection_state";
    public static final String REBUILDS = "rebuilds";

    private static final Pattern SAFE_KEY = Pattern.compile("^[A-Za-z0-9_:-]{1,128}$");

    private ProjectionNames() {
    }

    public static String journeys(int generation) {
        return "journeys_g" + generation;
    }

    public static String interventions(int generation) {
        return "interventions_g" + generation;
    }

    public static String programmes(int generation) {
        return "programmes_g" + generation;
    }

    public static List<String> allOf(int generation) {
        return List.of(journeys(generation), interventions(generation), programmes(generation));
    }

    /** The generation a projection collection belongs to, or -1 for any other collection. */
    public static int generationOf(String collection) {
        for (String prefix : List.of("journeys_g", "interventions_g", "programmes_g")) {
            if (collection.startsWith(prefix)) {
                try {
                    return Integer.parseInt(collection.substring(prefix.length()));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
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
