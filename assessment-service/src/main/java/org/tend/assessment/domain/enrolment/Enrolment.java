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
    private Instant withdrawnAt;
    private Instant erasedAt;

    protected Enrolment() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(EnrolParticipant command, ProgrammeDirectory programmes) {
        // A wrong code and an unknown programme read alike: a code-holder learns nothing about other programmes.
        var programme = programmes.find(command.programmeId()).filter(p -> p.admits(command.enrolmentCodeHash()))
                .orElseThrow(() -> Rejection.notFound("enrolmentCode", "No programme has this enrolment code"));
        if (programme.isClosed()) {
            throw Rejection.conflict("enrolmentCode", "programme-closed",
                    "This programme has closed: it takes no new participants");
        }
        if (!programme.allowsDepartment(command.department())) {
            throw Rejection.invalid("department", "unknown-department",
                    "department must be one of the programme's departments " + new java.util.TreeSet<>(
                            programme.departments()));
        }
        if (!Boolean.TRUE.equals(command.consent())) {
            throw Rejection.invalid("consent", "must-be-true",
                    "Enrolment needs the participant's consent to the processing the programme describes");
        }
        requireNotErased();
        if (programmeId != null) {
            throw Rejection.conflict("participantId", "already-enrolled",
                    "The participant is already enrolled in a programme");
        }
        apply(new ParticipantEnrolled(command.participantId(), command.programmeId(), command.department(), true,
                command.enrolledAt()));
    }

    /**
     * Withdrawal ends the processing the participant consented to, not the enrolment: they stay a member (their
     * practitioners see the plan as withdrawn) and may consent again. Erasure is a separate request.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(WithdrawConsent command) {
        requireEnrolled();
        if (withdrawnAt != null) {
            throw Rejection.conflict("participantId", "already-withdrawn",
                    "The participant has already withdrawn their consent");
        }
        apply(new ConsentWithdrawn(participantId, programmeId, command.withdrawnAt()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RenewConsent command) {
        requireEnrolled();
        if (!Boolean.TRUE.equals(command.consent())) {
            throw Rejection.invalid("consent", "must-be-true",
                    "Consenting again needs the participant's consent to the processing the programme describes");
        }
        if (withdrawnAt == null) {
            throw Rejection.conflict("participantId", "consent-given",
                    "The participant's consent stands; there is nothing to renew");
        }
        apply(new ConsentRenewed(participantId, programmeId, command.renewedAt()));
    }

    /**
     * Erasure (GDPR Art. 17) ends the enrolment for good and retires the pseudonym. 409 {@code not-enrolled} or
     * {@code erased} (erasing twice).
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(EraseParticipant command) {
        requireEnrolled();
        apply(new ParticipantErased(participantId, programmeId, command.erasureId(), command.requestedBy(),
                command.erasedAt()));
    }

    private void requireNotErased() {
        if (erasedAt != null) {
            throw Rejection.conflict("participantId", "erased",
                    "This participant was erased; an erased person who wants to rejoin does so under a new account");
        }
    }

    private void requireEnrolled() {
        requireNotErased();
        if (programmeId == null) {
            throw Rejection.conflict("participantId", "not-enrolled", "The participant is not enrolled in a programme");
        }
    }

    /** Where the participant is enrolled, and whether their consent stands; null once they are erased. */
    public EnrolmentRecord record() {
        return erasedAt != null ? null
                : new EnrolmentRecord(participantId, programmeId, department, enrolledAt, withdrawnAt);
    }

    /** When the participant was erased; null unless they were. */
    public Instant erasedAt() {
        return erasedAt;
    }

    @EventSourcingHandler
    void on(ParticipantEnrolled event) {
        this.participantId = event.participantId();
        this.programmeId = event.programmeId();
        this.department = event.department();
        this.enrolledAt = event.enrolledAt();
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event) {
        this.withdrawnAt = event.withdrawnAt();
    }

    @EventSourcingHandler
    void on(ConsentRenewed event) {
        this.withdrawnAt = null;
    }

    @EventSourcingHandler
    void on(ParticipantErased event) {
        this.erasedAt = event.erasedAt();
        this.department = null;
    }
}
