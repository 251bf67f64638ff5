package org.tend.assessment.domain.safety;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A concern's id follows from the assessment and the rule, so a replayed command or event cannot make a second one. */
public final class SafetyConcernIds {

    private SafetyConcernIds() {
    }

    public static String of(String assessmentId, String rule) {
        return UUID.nameUUIDFromBytes(("tend:safety-concern:" + assessmentId + ":" + rule)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
