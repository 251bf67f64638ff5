package org.tend.catalogue.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a participant whose care is held is told instead of recommendations. The catalogue does not hold the
 * programme's own crisis signposting (it stays in assessment-service, which shows it with the result and on the
 * enrolment); this is the platform's default, configurable per deployment.
 */
@Component
public class CareHoldSettings {

    private final String message;
    private final String crisisSignposting;
    private final String levelLabel;

    CareHoldSettings(@Value("${tend.catalogue.care-hold.message}") String message,
                     @Value("${tend.catalogue.care-hold.crisis-signposting}") String crisisSignposting,
                     @Value("${tend.catalogue.care-hold.level-label:safety pathway: human review first}")
                     String levelLabel) {
        this.message = message;
        this.crisisSignposting = crisisSignposting;
        this.levelLabel = levelLabel;
    }

    public String message() {
        return message;
    }

    public String crisisSignposting() {
        return crisisSignposting;
    }

    public String levelLabel() {
        return levelLabel;
    }
}
