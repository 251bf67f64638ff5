package org.tend.goal.query;

import org.springframework.stereotype.Component;
import org.tend.plumbing.caseload.CaseloadDirectory;
import org.tend.plumbing.programme.ProgrammeSettings;
import org.tend.plumbing.programme.ProgrammeSettingsDirectory;

/**
 * How many goals a participant may have active at once: their programme's {@code maxActiveGoals}, as
 * assessment-service publishes it ({@link ProgrammeSettingsDirectory}; {@value ProgrammeSettings#DEFAULT_MAX_ACTIVE_GOALS}
 * while the programme's settings are not known). A participant enrolled in several programmes gets the largest of
 * their programmes' limits: each programme's care may then use as many goals as it allows.
 */
@Component
public class GoalLimits {

    private final CaseloadDirectory caseloads;
    private final ProgrammeSettingsDirectory settings;

    public GoalLimits(CaseloadDirectory caseloads, ProgrammeSettingsDirectory settings) {
        this.caseloads = caseloads;
        this.settings = settings;
    }

    public int maxActiveGoals(String participantId) {
        return caseloads.programmesOf(participantId).stream()
                .mapToInt(programme -> settings.settingsOf(programme).maxActiveGoals())
                .max().orElse(ProgrammeSettings.DEFAULT_MAX_ACTIVE_GOALS);
    }
}
