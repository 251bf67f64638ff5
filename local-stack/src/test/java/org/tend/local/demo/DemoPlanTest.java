package org.tend.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tend.local.demo.DemoPlan.Course;
import org.tend.local.demo.DemoPlan.Participant;
import org.tend.local.demo.DemoPlan.Visit;

/** The demo programme's plan: reproducible, shaped like a programme, and harmless (no safety concern). */
class DemoPlanTest {

    private static final YearMonth LAST = YearMonth.of(2026, 10);
    private final DemoPlan full = DemoPlan.of(DemoPlan.Size.FULL, LAST);

    @Test
    void theSameSizeAndSeedGiveTheSameProgramme() {
        DemoPlan again = DemoPlan.of(DemoPlan.Size.FULL, LAST);
        assertThat(again.participants()).isEqualTo(full.participants());
        DemoPlan otherSeed = DemoPlan.of(new DemoPlan.Size(400, 6, 7), LAST);
        assertThat(otherSeed.participants()).isNotEqualTo(full.participants());
    }

    @Test
    void sixDepartmentsOneOfThemSmallerThanTheMinimumGroupSize() {
        Map<String, Integer> sizes = full.departmentSizes();
        assertThat(sizes).hasSize(6).containsEntry(DemoPlan.SMALL_DEPARTMENT, DemoPlan.SMALL_DEPARTMENT_SIZE);
        assertThat(DemoPlan.SMALL_DEPARTMENT_SIZE).isLessThan(DemoPlan.MINIMUM_GROUP_SIZE);
        sizes.forEach((department, size) -> {
            if (!department.equals(DemoPlan.SMALL_DEPARTMENT)) {
                assertThat(size).as(department).isGreaterThanOrEqualTo(DemoPlan.MINIMUM_GROUP_SIZE);
            }
        });
        assertThat(sizes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
        assertThat(DemoPlan.of(new DemoPlan.Size(30, 3, 1), LAST).departmentSizes())
                .containsEntry(DemoPlan.SMALL_DEPARTMENT, DemoPlan.SMALL_DEPARTMENT_SIZE);
    }

    @Test
    void peopleEnrolInTheFirstFourMonthsAndComeBackAboutMonthly() {
        assertThat(full.firstMonth()).isEqualTo(YearMonth.of(2026, 5));
        for (Participant participant : full.participants()) {
            YearMonth enrolled = YearMonth.from(participant.enrolledOn());
            assertThat(enrolled).isIn(full.firstMonth(), full.firstMonth().plusMonths(1), full.firstMonth().plusMonths(2),
                    full.firstMonth().plusMonths(3));
            List<Visit> visits = participant.visits();
            for (int i = 1; i < visits.size(); i++) {
                assertThat(ChronoUnit.DAYS.between(visits.get(i - 1).day(), visits.get(i).day())).isBetween(28L, 35L);
            }
            assertThat(YearMonth.from(visits.get(visits.size() - 1).day()).isAfter(LAST)).isFalse();
        }
        long inFirstMonth = full.participants().stream()
                .filter(p -> YearMonth.from(p.enrolledOn()).equals(full.firstMonth())).count();
        assertThat(inFirstMonth).as("most enrol after the launch").isBetween(120L, 200L);
        assertThat(full.assessmentCount()).isBetween(3 * 1200, 3 * 2400);
    }

    @Test
    void mostImproveSomeDoNotAFewDeteriorate() {
        Map<Course, Integer> courses = new EnumMap<>(Course.class);
        int improvedByFivePoints = 0;
        int worseByFivePoints = 0;
        for (Participant participant : full.participants()) {
            courses.merge(participant.course(), 1, Integer::sum);
            List<Visit> visits = participant.visits();
            int change = visits.get(visits.size() - 1).total("phq-9") - visits.get(0).total("phq-9");
            improvedByFivePoints += change <= -5 ? 1 : 0;
            worseByFivePoints += change >= 5 ? 1 : 0;
        }
        assertThat(courses.get(Course.IMPROVES)).isGreaterThan(200);
        assertThat(courses.get(Course.UNCHANGED)).isBetween(60, 140);
        assertThat(courses.get(Course.DETERIORATES)).isBetween(20, 70);
        assertThat(improvedByFivePoints).isGreaterThan(worseByFivePoints).isGreaterThan(50);
        assertThat(worseByFivePoints).isPositive();
    }

    @Test
    void everyAnswerIsInRangeAndItemNineIsAlwaysZero() {
        for (Participant participant : full.participants()) {
            for (Visit visit : participant.visits()) {
                assertThat(visit.answers().get("phq-9")).hasSize(9).containsEntry("phq9-9", 0);
                assertThat(visit.answers().get("gad-7")).hasSize(7);
                assertThat(visit.answers().get("who-5")).hasSize(5);
                visit.answers().forEach((instrument, answers) -> answers.values().forEach(value ->
                        assertThat(value).isBetween(0, instrument.equals("who-5") ? 5 : 3)));
                assertThat(visit.goalRating()).isBetween(0, 10);
            }
        }
    }

    @Test
    void aSizeTooSmallForTheSmallDepartmentOrTheMonthsIsRefused() {
        assertThatThrownBy(() -> new DemoPlan.Size(11, 6, 1)).hasMessageContaining("participants");
        assertThatThrownBy(() -> new DemoPlan.Size(30, 1, 1)).hasMessageContaining("months");
    }
}
