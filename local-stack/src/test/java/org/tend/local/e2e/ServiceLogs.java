package org.tend.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a service's log file: JSON lines (Elastic Common Schema, with {@code traceId} and {@code spanId}). */
final class ServiceLogs {

    private ServiceLogs() {
    }

    /** Every line of the file that is a JSON object (the JVM's own warnings are not). */
    static List<JsonNode> jsonLines(Path log) {
        List<JsonNode> lines = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("{")) {
                    try {
                        lines.add(Api.JSON.readTree(line));
                    } catch (IOException notJson) {
                        // a line cut short while the process writes it
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** The messages of the lines logged in trace {@code traceId}. */
    static List<String> messagesInTrace(Path log, String traceId) {
        return jsonLines(log).stream()
                .filter(line -> traceId.equals(line.path("traceId").asText(line.path("trace.id").asText(null))))
                .map(line -> line.path("message").asText())
                .toList();
    }
}
