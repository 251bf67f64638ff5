/**
 * Programmes' care settings as consuming services know them: {@link org.tend.plumbing.programme.ProgrammeSettings}
 * and the {@link org.tend.plumbing.programme.ProgrammeSettingsDirectory} that keeps them from assessment-service's
 * {@code tend.assessment.programme-settings-changed.v1} (newest {@code changedAt} wins, in any delivery order;
 * defaults — 3 active goals, 14-day review period, empty schedule — while nothing is known).
 */
package org.tend.plumbing.programme;
