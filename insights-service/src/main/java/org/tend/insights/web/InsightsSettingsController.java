package org.tend.insights.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tend.insights.domain.InsightSettings;
import org.tend.insights.privacy.Epsilon;
import org.tend.insights.query.InsightsQueries;
import org.tend.plumbing.audit.Audit;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.FieldViolation;
import org.tend.plumbing.web.InvalidInputException;
import org.tend.plumbing.web.NotFoundException;
import org.tend.security.Role;

/**
 * An administrator's settings of a programme's insights: eligible headcounts per cohort (for uptake as a
 * percentage), noise mode and its ε, and the re-assessment interval. Administrators only; HR reads figures, never
 * settings it could tune to see more.
 */
@RestController
@RequestMapping("/api/insights/programmes/{programmeId}/settings")
@RequiresRole(Role.ADMIN)
public class InsightsSettingsController {

    static final String EPSILON = "^(0|[1-9][0-9]{0,3})(\\.[0-9]{1,6})?$";
    static final int MAX_HEADCOUNT = 10_000_000;

    /**
     * @param eligibleHeadcounts       people eligible to enrol, per cohort (department slug); at most 200 cohorts
     * @param noise                    noise mode on or off
     * @param epsilonPerFigure         ε one figure costs (a decimal, > 0, at most 6 places)
     * @param monthlyBudget            ε per HR user per month (≥ epsilonPerFigure when noise is on)
     * @param reassessmentIntervalDays 1–365 days
     */
    public record SettingsRequest(@Size(max = 200) Map<String, Integer> eligibleHeadcounts,
                                  @NotNull Boolean noise,
                                  @NotNull @Pattern(regexp = EPSILON, message = "must be a decimal such as 0.1")
                                  String epsilonPerFigure,
                                  @NotNull @Pattern(regexp = EPSILON, message = "must be a decimal such as 5")
                                  String monthlyBudget,
                                  @NotNull @Min(1) @Max(365) Integer reassessmentIntervalDays) {
    }

    /** The settings as stored. */
    public record SettingsView(String programmeId, Map<String, Integer> eligibleHeadcounts, boolean noise,
                               String epsilonPerFigure, String monthlyBudget, int reassessmentIntervalDays) {
        static SettingsView of(String programmeId, InsightSettings s) {
            return new SettingsView(programmeId, s.eligibleHeadcounts(), s.noise(), s.epsilonPerFigure().toString(),
                    s.monthlyBudget().toString(), (int) s.reassessmentInterval().toDays());
        }
    }

    private final InsightsQueries queries;

    InsightsSettingsController(InsightsQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    public SettingsView get(@PathVariable("programmeId") String programmeId, Caller caller) {
        programme(programmeId, caller);
        return SettingsView.of(programmeId, queries.settings(programmeId));
    }

    @PutMapping
    public SettingsView put(@PathVariable("programmeId") String programmeId,
                            @Valid @RequestBody SettingsRequest request, Caller caller) {
        programme(programmeId, caller);
        List<FieldViolation> violations = new ArrayList<>();
        Map<String, Integer> headcounts = request.eligibleHeadcounts() == null ? Map.of()
                : request.eligibleHeadcounts();
        headcounts.forEach((cohort, n) -> {
            if (cohort == null || cohort.length() > 64 || !InsightsController.SLUG.matcher(cohort).matches()) {
                violations.add(new FieldViolation("eligibleHeadcounts", "pattern",
                        "each cohort must be a department slug, e.g. finance"));
            } else if (n == null || n < 1 || n > MAX_HEADCOUNT) {
                violations.add(new FieldViolation("eligibleHeadcounts." + cohort, "range",
                        "a headcount is 1 to " + MAX_HEADCOUNT));
            }
        });
        Epsilon perFigure = Epsilon.of(request.epsilonPerFigure());
        Epsilon monthly = Epsilon.of(request.monthlyBudget());
        if (!perFigure.isPositive()) {
            violations.add(new FieldViolation("epsilonPerFigure", "range", "ε per figure must be above 0"));
        }
        if (request.noise() && monthly.compareTo(perFigure) < 0) {
            violations.add(new FieldViolation("monthlyBudget", "range",
                    "the monthly budget must pay for at least one figure (≥ epsilonPerFigure)"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        InsightSettings settings = new InsightSettings(headcounts, request.noise(), perFigure, monthly,
                Duration.ofDays(request.reassessmentIntervalDays()));
        queries.saveSettings(programmeId, settings);
        return SettingsView.of(programmeId, settings);
    }

    private void programme(String programmeId, Caller caller) {
        caller.require(Role.ADMIN);
        if (programmeId == null || !InsightsController.UUID_TEXT.matcher(programmeId).matches()) {
            throw new org.tend.plumbing.web.BadRequestException("programmeId", "pattern",
                    "programmeId must be a lowercase UUID");
        }
        Audit.about("programmeId", programmeId);
        queries.programme(queries.readableGeneration(), programmeId, caller.organisation().orElse(null))
                .orElseThrow(() -> new NotFoundException("programmeId", "No such programme"));
    }
}
