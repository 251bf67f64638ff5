package org.tend.assessment.domain.programme;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set up a wellbeing programme for an organisation.
 *
 * @param organisationId the organisation's slug, e.g. {@code acme}
 * @param name what the programme is called; stays inside this service
 * @param minimumGroupSize smallest group whose aggregate figures may be shown; at least the privacy floor, at most 100
 * @param crisisSignposting what a participant whose answers raise a safety concern is shown
 * @param departments the cohort codes participants may enrol under (none: participants give no department)
 * @param enrolmentCodeHash the hash of the programme's first enrolment code ({@link AccessCodes})
 * @param createdBy the administrator's pseudonym (recorded in this service only)
 */
public record CreateProgramme(@TargetAggregateIdentifier String programmeId, String organisationId, String name,
                              int minimumGroupSize, String crisisSignposting, Instant createdAt,
                              List<String> departments, String enrolmentCodeHash, String createdBy) {
    public CreateProgramme {
        departments = departments == null ? List.of() : List.copyOf(departments);
    }
}
