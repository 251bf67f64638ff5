package org.tend.assessment.domain.programme;

import java.time.Instant;
import java.util.List;

/**
 * A programme's care settings took effect: the defaults when it was created, then each change by an administrator
 * ({@code changedBy}, recorded in this service only). A programme created before programmes had settings has no such
 * event until its first change: it has the defaults.
 */
public record ProgrammeSettingsChanged(String programmeId, int maxActiveGoals, String reviewPeriod,
                                       String scheduleVersion, List<ScheduleItem> schedule, String changedBy,
                                       Instant changedAt) {
    public ProgrammeSettingsChanged {
        schedule = schedule == null ? List.of() : List.copyOf(schedule);
    }

    public CareSettings settings() {
        return new CareSettings(maxActiveGoals, reviewPeriod, scheduleVersion, schedule);
    }
}
