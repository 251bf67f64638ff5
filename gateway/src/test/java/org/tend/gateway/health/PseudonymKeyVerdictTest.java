package org.tend.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.tend.gateway.health.PseudonymKeyHealthIndicator.Observation;

/** The verdict on the fingerprints the services published, without any service. */
class PseudonymKeyVerdictTest {

    private static Health assess(Object... nameAndObservation) {
        Map<String, Observation> observations = new TreeMap<>();
        for (int i = 0; i < nameAndObservation.length; i += 2) {
            observations.put((String) nameAndObservation[i], (Observation) nameAndObservation[i + 1]);
        }
        return PseudonymKeyHealthIndicator.assess(observations);
    }

    private static Observation key(String fingerprint) {
        return Observation.of(fingerprint);
    }

    @Test
    void oneKeyEverywhereIsUp() {
        Health health = assess("assessment", key("aaaaaaaaaaaaaaaa"), "goal", key("aaaaaaaaaaaaaaaa"));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).doesNotContainKey("differing");
    }

    @Test
    void aServiceThatCannotBeAskedIsUnknownAndDoesNotMakeItDown() {
        Health health = assess("assessment", key("aaaaaaaaaaaaaaaa"), "goal", key("aaaaaaaaaaaaaaaa"),
                "progress", Observation.unknown("unreachable"));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("services").toString())
                .contains("progress={status=UNKNOWN, reason=unreachable}");
    }

    @Test
    void theServicesThatDifferFromTheMajorityAreNamed() {
        Health health = assess("assessment", key("aaaaaaaaaaaaaaaa"), "catalogue", key("aaaaaaaaaaaaaaaa"),
                "goal", key("bbbbbbbbbbbbbbbb"), "progress", key("aaaaaaaaaaaaaaaa"));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("differing")).asList().containsExactly("goal");
    }

    @Test
    void withNoMajorityEveryServiceWithAKeyIsNamed() {
        Health health = assess("assessment", key("aaaaaaaaaaaaaaaa"), "catalogue", key("aaaaaaaaaaaaaaaa"),
                "goal", key("bbbbbbbbbbbbbbbb"), "progress", key("bbbbbbbbbbbbbbbb"),
                "spare", Observation.unknown("unreachable"));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("differing")).asList()
                .containsExactly("assessment", "catalogue", "goal", "progress");
    }

    @Test
    void noFingerprintAtAllIsUnknown() {
        Health health = assess("assessment", Observation.unknown("unreachable"),
                "goal", Observation.unknown("/actuator/info has no pseudonym.keyFingerprint"));

        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
    }
}
