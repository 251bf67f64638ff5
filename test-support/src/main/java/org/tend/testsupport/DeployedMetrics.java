package org.tend.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the operator's files in {@code deploy/} refer to: every PromQL expression of the Grafana dashboard
 * ({@code deploy/grafana/tend-dashboard.json}, each panel target's {@code expr}) and of the Prometheus alert rules
 * ({@code deploy/prometheus/tend-alerts.yml}, each rule's {@code expr}). Tests compare them with what the services
 * really export, so the dashboard and the alerts cannot silently go stale.
 */
public final class DeployedMetrics {

    public static final String DASHBOARD = "deploy/grafana/tend-dashboard.json";
    public static final String ALERTS = "deploy/prometheus/tend-alerts.yml";

    /** Names Prometheus makes itself for every target; no service exports them. */
    public static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan", "atan2");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern CLAUSE = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile(
            "(?<![a-zA-Z0-9_:.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

    private DeployedMetrics() {
    }

    /** Every expression, by where it is ({@code dashboard: <panel title>} or {@code alert: <rule name>}). */
    public static Map<String, List<String>> expressions() {
        Path root = repositoryRoot();
        Map<String, List<String>> expressions = new TreeMap<>();
        try {
            JsonNode dashboard = new ObjectMapper().readTree(root.resolve(DASHBOARD).toFile());
            for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    if (target.hasNonNull("expr")) {
                        expressions.computeIfAbsent("dashboard: " + panel.path("title").asText(),
                                k -> new ArrayList<>()).add(target.get("expr").asText());
                    }
                }
            }
            JsonNode alerts = new ObjectMapper(new YAMLFactory()).readTree(root.resolve(ALERTS).toFile());
            for (JsonNode group : alerts.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String name = rule.hasNonNull("alert") ? rule.get("alert").asText() : rule.path("record").asText();
                    expressions.computeIfAbsent("alert: " + name, k -> new ArrayList<>())
                            .add(rule.path("expr").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return expressions;
    }

    /** Every metric name the expressions select, mapped to where each is used. */
    public static Map<String, Set<String>> referencedNames() {
        Map<String, Set<String>> names = new TreeMap<>();
        expressions().forEach((where, exprs) -> exprs.forEach(expr -> metricNames(expr)
                .forEach(name -> names.computeIfAbsent(name, k -> new TreeSet<>()).add(where))));
        return names;
    }

    /** The metric names one PromQL expression selects (functions, keywords, labels and durations left out). */
    public static Set<String> metricNames(String expr) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        s = s.replaceAll("\\{[^}]*\\}", " ").replaceAll("\\[[^\\]]*\\]", " ");
        s = CLAUSE.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String token = m.group(1);
            if (m.group(2) == null && !KEYWORDS.contains(token.toLowerCase(java.util.Locale.ROOT))) {
                names.add(token);
            }
        }
        return names;
    }

    private static List<JsonNode> panels(JsonNode node) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : node.path("panels")) {
            panels.add(panel);
            panels.addAll(panels(panel));
        }
        return panels;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(DASHBOARD))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(DASHBOARD + " not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
