package org.tend.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tend.testsupport.DeployedMetrics;
import org.tend.testsupport.MetricScrape;
import org.tend.testsupport.TestTokens;

/**
 * The safety alert gauges and the command meters on {@code /actuator/prometheus} follow what practitioners see: an
 * alert raised counts as open, past its deadline as overdue, acknowledged as neither; the scrape names no one. Other
 * tests of the module share the store, so the figures are compared before and after.
 */
class SafetyAlertMetricsTest extends ServiceTestSupport {

    static final Map<String, String> ACKNOWLEDGE = Map.of("type", "AcknowledgeSafetyConcern", "outcome", "success");

    MetricScrape scrape() {
        // No token: the scrape endpoint is for the internal network only (deploy/README.md).
        return MetricScrape.parse(get("/actuator/prometheus", null).expect(200).body());
    }

    @Test
    void openAndOverdueAlertsAndAcknowledgementsShowOnTheScrapeAsCountsOnly() {
        String programmeId = newProgramme();
        String practitioner = unique("dr.metrics");
        String subject = unique("metrics-erin");
        assign(programmeId, practitioner);
        String participantToken = enrolled(subject, programmeId);

        MetricScrape before = scrape();
        double open = before.value("tend_safety_alerts_open", Map.of());
        double overdue = before.value("tend_safety_alerts_overdue", Map.of());
        double acknowledged = before.value("tend_commands_seconds_count", ACKNOWLEDGE);

        String assessmentId = take(participantToken, "phq-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 2)).expect(201).json()
                .path("assessmentId").asText();
        MetricScrape raised = scrape();
        assertThat(raised.value("tend_safety_alerts_open", Map.of())).isEqualTo(open + 1);
        assertThat(raised.value("tend_safety_alerts_overdue", Map.of())).isEqualTo(overdue);

        clock.advance(Duration.ofHours(4).plusMinutes(1));
        MetricScrape late = scrape();
        assertThat(late.value("tend_safety_alerts_overdue", Map.of())).as("every open alert is past its deadline now")
                .isEqualTo(late.value("tend_safety_alerts_open", Map.of())).isGreaterThanOrEqualTo(overdue + 1);

        String concernId = null;
        for (var alert : get("/api/safety/alerts", TestTokens.practitioner(practitioner)).expect(200).json()) {
            if (alert.path("assessmentId").asText().equals(assessmentId)) {
                concernId = alert.path("concernId").asText();
            }
        }
        assertThat(concernId).isNotNull();
        post("/api/safety/alerts/" + concernId + "/acknowledgement", TestTokens.practitioner(practitioner), null)
                .expect(201);
        MetricScrape after = scrape();
        assertThat(after.value("tend_safety_alerts_open", Map.of()))
                .isEqualTo(late.value("tend_safety_alerts_open", Map.of()) - 1);
        assertThat(after.value("tend_safety_alerts_overdue", Map.of()))
                .isEqualTo(late.value("tend_safety_alerts_overdue", Map.of()) - 1);
        assertThat(after.value("tend_commands_seconds_count", ACKNOWLEDGE)).isEqualTo(acknowledged + 1);
        assertThat(after.value("tend_events_published_total", Map.of("type", "SafetyConcernAcknowledged")))
                .isGreaterThanOrEqualTo(1);

        assertThat(after.text()).as("no tag names anyone")
                .doesNotContain(subject).doesNotContain(pseudonym(subject))
                .doesNotContain(practitioner).doesNotContain(pseudonym(practitioner))
                .doesNotContain(programmeId).doesNotContain(assessmentId).doesNotContain(concernId);

        // The safety metrics the dashboard and the alert rules use are exported here (the plumbing's test checks the
        // rest, MetricsIntegrationTest).
        Set<String> safety = DeployedMetrics.referencedNames().keySet().stream()
                .filter(name -> name.startsWith("tend_safety_")).collect(Collectors.toSet());
        assertThat(safety).isNotEmpty();
        assertThat(after.names()).containsAll(safety);
    }
}
