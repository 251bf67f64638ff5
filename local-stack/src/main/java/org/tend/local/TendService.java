package org.tend.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The six runnable applications of Tend, with the names and defaults fixed in {@code docs/conventions.md}.
 *
 * <p>Why an enum: the launcher, the end-to-end tests and the benchmark all need the same facts (module
 * directory, default port, database name, the gateway's upstream variable, where the exec jar is built),
 * and they must not drift apart.
 */
public enum TendService {

    ASSESSMENT("assessment-service", "assessment", 8081),
    CATALOGUE("catalogue-service", "catalogue", 8082),
    GOAL("goal-service", "goal", 8083),
    PROGRESS("progress-service", "progress", 8084),
    /** HR insights: reads the event topics (its Kafka principal is {@code insights}), publishes nothing. */
    INSIGHTS("insights-service", "insights", 8085),
    GATEWAY("gateway", null, 8080);

    private final String artifactId;
    private final String context;
    private final int defaultPort;

    TendService(String artifactId, String context, int defaultPort) {
        this.artifactId = artifactId;
        this.context = context;
        this.defaultPort = defaultPort;
    }

    /** The bounded-context services (everything but the gateway), in start order. */
    public static List<TendService> backends() {
        return List.of(ASSESSMENT, CATALOGUE, GOAL, PROGRESS, INSIGHTS);
    }

    /** Maven artifactId, which is also the module directory. */
    public String artifactId() {
        return artifactId;
    }

    /** Bounded-context name ({@code assessment}, …); null for the gateway. */
    public String context() {
        return context;
    }

    /** Whether this is the gateway. */
    public boolean isGateway() {
        return this == GATEWAY;
    }

    /** The port in {@code docs/conventions.md}. */
    public int defaultPort() {
        return defaultPort;
    }

    /** {@code tend-<context>} (the value of {@code TEND_MONGODB_DATABASE}); not defined for the gateway. */
    public String databaseName() {
        requireBackend();
        return "tend-" + context;
    }

    /** The gateway's environment variable naming this service's URL, e.g. {@code TEND_ASSESSMENT_URL}. */
    public String urlVariable() {
        requireBackend();
        return "TEND_" + context.toUpperCase(Locale.ROOT) + "_URL";
    }

    /** Where {@code mvn install} puts the runnable jar: {@code <root>/<module>/target/<module>-<version>-exec.jar}. */
    public Path execJar(Path repositoryRoot, String version) {
        return repositoryRoot.resolve(artifactId).resolve("target").resolve(artifactId + "-" + version + "-exec.jar");
    }

    private void requireBackend() {
        if (isGateway()) {
            throw new UnsupportedOperationException("not defined for the gateway");
        }
    }
}
