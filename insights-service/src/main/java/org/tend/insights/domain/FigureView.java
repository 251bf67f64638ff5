package org.tend.insights.domain;

import java.util.List;

/**
 * One figure as the API returns it: which measure, and its values, each {@link Shown released or withheld}. Fields
 * that do not apply to the measure's kind are null (left out of the JSON), so a dashboard reads one shape and a CSV
 * is one row per value ({@code measure, cohort, period, value name, status, value, rule}).
 *
 * @param participants how many people the figure is about (a rate's denominator, a distribution's total)
 * @param total        a sum worth showing as such (assessments completed, goals set)
 * @param mean         a sum's mean (WHO-5 mean percentage, mean GBO change), one decimal
 * @param met          a rate's numerator
 * @param percent      a rate as a percentage, or uptake: enrolled to date as a percentage of the eligible headcount
 * @param enrolledToDate for {@code enrolled}: everyone enrolled by the end of the period
 * @param eligibleHeadcount for {@code enrolled}: the headcount the administrator set (not about anyone)
 * @param cells        a distribution's categories, in order of the scale
 * @param intervention a per-intervention measure's intervention
 */
public record FigureView(String measure, String group, String kind, String label, Shown participants, Shown total,
                         Shown mean, Shown met, Shown percent, Shown enrolledToDate, Integer eligibleHeadcount,
                         List<Cell> cells, Intervention intervention) {

    /** One category of a distribution and its share of the total. */
    public record Cell(String category, Shown count, Shown percent) {
    }

    /** The catalogue's intervention: its id, name and approach (as published; null until published). */
    public record Intervention(String interventionId, String name, String approach) {
    }
}
