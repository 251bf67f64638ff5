package org.tend.plumbing.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tend.testsupport.DeployedMetrics;

/**
 * The reading of deploy/'s files that {@link MetricsIntegrationTest} relies on: which names a PromQL expression
 * selects, and that every panel and every rule has an expression that selects something (an empty one would pass the
 * comparison with the scrape vacuously).
 */
class DeployedMetricsTest {

    @Test
    void theNamesOfAnExpressionAreItsMetricsNotItsFunctionsLabelsOrDurations() {
        assertThat(DeployedMetrics.metricNames("histogram_quantile(0.95, sum by (job, le) "
                + "(rate(tend_projection_lag_seconds_bucket{job=~\"$job\",group!=\"x_y\"}[$__rate_interval])))"))
                .containsExactly("tend_projection_lag_seconds_bucket");
        assertThat(DeployedMetrics.metricNames("sum by (job) (increase(tend_dead_letters_total[10m])) > 0 or "
                + "sum by (job) (tend_dead_letters_total unless tend_dead_letters_total offset 10m) > 0"))
                .containsExactly("tend_dead_letters_total");
        assertThat(DeployedMetrics.metricNames("max by (projection) (a_read) / clamp_min(max by (projection) "
                + "(b_to_read), 1) and on (job) up == 0")).containsExactly("a_read", "b_to_read", "up");
        assertThat(DeployedMetrics.metricNames("rate(x_total[5m]) * 1e3 + 0.5")).containsExactly("x_total");
    }

    @Test
    void everyPanelAndEveryRuleSelectsAMetric() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve(DeployedMetrics.DASHBOARD)).exists();
        JsonNode dashboard = new ObjectMapper().readTree(root.resolve(DeployedMetrics.DASHBOARD).toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("tend-platform");
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                assertThat(DeployedMetrics.metricNames(target.path("expr").asText()))
                        .as(panel.path("title").asText()).isNotEmpty();
            }
        }
        File alerts = root.resolve(DeployedMetrics.ALERTS).toFile();
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(alerts);
        int count = 0;
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.path("alert").asText();
                assertThat(name).startsWith("Tend");
                assertThat(DeployedMetrics.metricNames(rule.path("expr").asText())).as(name).isNotEmpty();
                assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("critical", "warning");
                assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
                assertThat(Files.readString(root.resolve("deploy/README.md"))).as("deploy/README.md explains " + name)
                        .contains("`" + name + "`");
                count++;
            }
        }
        assertThat(count).isGreaterThanOrEqualTo(5);
        assertThat(DeployedMetrics.expressions().keySet()).anyMatch(k -> k.startsWith("dashboard: "))
                .anyMatch(k -> k.startsWith("alert: "));
    }
}
