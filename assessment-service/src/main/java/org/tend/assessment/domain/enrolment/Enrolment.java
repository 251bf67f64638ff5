package org.tend.assessment.domain.enrolment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.tend.kernel.Rejection;
import org.tend.assessment.domain.programme.ProgrammeDirectory;

/**
 * A participant's membership of a programme, one per participant: its id is the participant's pseudonym, so two
 * enrolments of one person cannot both be stored (the event store's unique stream index decides a race).
 */
public class Enrolment {

    @AggregateIdentifier
    private String participantId;
    private String programmeId;
    private String department;
    private Instant enrolledAt;

    protected Enrolment() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(EnrolParticipant command, ProgrammeDirectory programmes) {
        // A wrong code and an unknown programme read alike: a code-holder learns nothing about other programmes.
        var programme = programmes.find(command.programmeId()).filter(p -> p.admits(command.enrolmentCodeHash()))
                .orElseThrow(() -> Rejection.notFound("enrolmentCode", "No programme has this enrolment code"));
        if (!programme.allowsDepartment(command.department())) {
            throw Rejection.invalid("department", "unknown-department",
                    "department must be one of the programme's departments " + new java.util.TreeSet<>(
                            programme.departments()));
        }
        if (!Boolean.TRUE.equals(command.consent())) {
            throw Rejection.invalid("consent", "must-be-true",
                    "Enrolment needs the participant's consent to the processing the programme describes");
        }
        if (programmeId != null) {
            throw Rejection.conflict("participantId", "already-enrolled",
                    "The participant is already enrolled in a programme");
        }
        apply(new ParticipantEnrolled(command.participantId(), command.programmeId(), command.department(), true,
                command.enrolledAt()));
    }

    /** Where the participant is enrolled. */
    public EnrolmentRecord record() {
        return new EnrolmentRecord(participantId, programmeId, department, enrolledAt);
    }

    @EventSourcingHandler
    void on(ParticipantEnrolled event) {
        this.participantId = event.participantId();
        this.programmeId = event.programmeId();
        this.department = event.department();
        this.enrolledAt = event.enrolledAt();
    }
}
