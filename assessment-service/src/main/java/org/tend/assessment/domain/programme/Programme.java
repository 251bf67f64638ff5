package org.tend.assessment.domain.programme;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.tend.kernel.Rejection;

/**
 * A wellbeing programme an organisation runs: its privacy floor for figures, its crisis signposting, the code its
 * participants enrol with, the practitioners who serve its participants and its care settings ({@link CareSettings}).
 *
 * <p>Practitioners join by invitation: an administrator creates a single-use, expiring code and hands it over; the
 * practitioner redeems it signed in with their own token. So an administrator never types, sees or learns a
 * practitioner's pseudonym, and every assignment and unassignment records which administrator caused it.
 */
public class Programme {

    @AggregateIdentifier
    private String programmeId;
    private ProgrammeCreated created;
    private String enrolmentCodeHash;
    /** Assigned practitioners' pseudonyms → their assignment. */
    private final Map<String, PractitionerAssigned> assigned = new LinkedHashMap<>();
    private final Map<String, OpenInvitation> invitations = new LinkedHashMap<>();
    /** When the programme closed (null while open) and when its participants are erased. */
    private Instant closedAt;
    private String retention;
    private Instant eraseAfter;
    /** Null for a programme created before programmes had care settings, until its first change: the defaults. */
    private CareSettings careSettings;

    /** One invitation's state; replaced, never changed in place. */
    private record OpenInvitation(PractitionerInvited invited, Instant redeemedAt, Instant revokedAt) {

        String status(Instant now) {
            if (redeemedAt != null) {
                return "redeemed";
            }
            if (revokedAt != null) {
                return "revoked";
            }
            return now.isBefore(invited.expiresAt()) ? "open" : "expired";
        }
    }

    protected Programme() {
    }

    @CommandHandler
    public Programme(CreateProgramme command, PrivacyFloor floor, CareDefaults care) {
        if (!floor.allows(command.minimumGroupSize())) {
            throw Rejection.invalid("minimumGroupSize", "range", "minimumGroupSize must be between "
                    + floor.minimumGroupSize() + " (the privacy floor) and " + PrivacyFloor.CEILING);
        }
        if (command.crisisSignposting() == null || command.crisisSignposting().isBlank()) {
            throw Rejection.invalid("crisisSignposting", "required",
                    "a programme must tell participants where to find crisis support");
        }
        apply(new ProgrammeCreated(command.programmeId(), command.organisationId(), command.name(),
                command.minimumGroupSize(), command.crisisSignposting(), command.createdAt(), command.departments(),
                command.enrolmentCodeHash(), command.createdBy()));
        settingsTakeEffect(command.programmeId(), care.settings(), command.createdBy(), command.createdAt());
    }

    /**
     * New care settings, the schedule kept when none is given. 422 naming each field at fault
     * ({@link CareSettings#violations}); 409 {@code programme-closed} once the programme is closed. Settings equal to
     * the current ones change nothing (a retried request), unless the programme has never published settings (one
     * created before programmes had them): then its first change publishes them, whatever they are.
     */
    @CommandHandler
    public void handle(ChangeCareSettings command, CareDefaults care) {
        if (closedAt != null) {
            throw Rejection.conflict("programmeId", "programme-closed",
                    "The programme is closed: its care settings no longer change");
        }
        CareSettings current = careSettings(care);
        CareSettings next = CareSettings.changed(current, command.maxActiveGoals(), command.reviewPeriod(),
                command.schedule(), care.knownMeasures());
        if (!next.equals(current) || careSettings == null) {
            settingsTakeEffect(programmeId, next, command.changedBy(), command.changedAt());
        }
    }

    private static void settingsTakeEffect(String programmeId, CareSettings settings, String by, Instant at) {
        apply(new ProgrammeSettingsChanged(programmeId, settings.maxActiveGoals(), settings.reviewPeriod(),
                settings.scheduleVersion(), settings.schedule(), by, at));
    }

    /** The programme's care settings: the defaults until it has its own. */
    public CareSettings careSettings(CareDefaults care) {
        return careSettings == null ? care.settings() : careSettings;
    }

    @CommandHandler
    public void handle(SetEnrolmentCode command) {
        apply(new EnrolmentCodeSet(programmeId, command.codeHash(), command.setBy(), command.setAt()));
    }

    @CommandHandler
    public void handle(InvitePractitioner command) {
        if (!command.expiresAt().isAfter(command.invitedAt())) {
            throw Rejection.invalid("validForDays", "range", "an invitation must be valid for some time");
        }
        if (invitations.containsKey(command.invitationId())) {
            throw Rejection.conflict("invitationId", "exists", "this invitation already exists");
        }
        apply(new PractitionerInvited(programmeId, command.invitationId(), command.codeHash(), command.expiresAt(),
                command.invitedBy(), command.invitedAt()));
    }

    /** Revoking a revoked invitation changes nothing; a redeemed one is ended by unassigning instead. */
    @CommandHandler
    public void handle(RevokeInvitation command) {
        OpenInvitation invitation = invitations.get(command.invitationId());
        if (invitation == null) {
            throw Rejection.notFound("invitationId", "There is no such invitation");
        }
        if (invitation.redeemedAt() != null) {
            throw Rejection.conflict("invitationId", "invitation-redeemed",
                    "The invitation was redeemed: unassign the practitioner instead");
        }
        if (invitation.revokedAt() == null) {
            apply(new InvitationRevoked(programmeId, command.invitationId(), command.revokedBy(),
                    command.revokedAt()));
        }
    }

    /**
     * A code admits once, before it expires and unless revoked. The practitioner who redeemed it redeeming it again
     * changes nothing (a retried request); a practitioner already serving the programme keeps the code unused.
     */
    @CommandHandler
    public void handle(RedeemInvitation command) {
        OpenInvitation invitation = invitations.values().stream()
                .filter(i -> i.invited().codeHash().equals(command.codeHash())).findFirst()
                .orElseThrow(() -> Rejection.notFound("code", "No invitation has this code"));
        PractitionerAssigned current = assigned.get(command.practitionerId());
        if (current != null && invitation.invited().invitationId().equals(current.invitationId())) {
            return;
        }
        switch (invitation.status(command.redeemedAt())) {
            case "redeemed" -> throw Rejection.conflict("code", "invitation-used",
                    "This invitation has already been used");
            case "revoked" -> throw Rejection.conflict("code", "invitation-revoked",
                    "This invitation was withdrawn; ask the programme's administrator for a new one");
            case "expired" -> throw Rejection.conflict("code", "invitation-expired",
                    "This invitation has expired; ask the programme's administrator for a new one");
            default -> {
            }
        }
        if (current != null) {
            throw Rejection.conflict("code", "already-assigned", "You already serve this programme");
        }
        apply(new PractitionerAssigned(programmeId, command.practitionerId(), command.redeemedAt(),
                invitation.invited().invitationId(), invitation.invited().invitedBy()));
    }

    @CommandHandler
    public void handle(UnassignPractitioner command) {
        PractitionerAssigned assignment = assigned.values().stream()
                .filter(a -> a.assignmentId().equals(command.assignmentId())).findFirst()
                .orElseThrow(() -> Rejection.notFound("assignmentId", "There is no such assignment"));
        apply(new PractitionerUnassigned(programmeId, assignment.practitionerId(), assignment.assignmentId(),
                command.unassignedBy(), command.unassignedAt()));
    }

    /**
     * Closes the programme for good: no one enrols any more, and its participants are erased when the retention
     * period ends. 409 {@code programme-closed} when it already is (the period is changed with {@link ChangeRetention}).
     */
    @CommandHandler
    public void handle(CloseProgramme command) {
        java.time.Period retention = RetentionPeriod.parse(command.retention());
        if (closedAt != null) {
            throw Rejection.conflict("programmeId", "programme-closed",
                    "The programme is already closed; change its retention period instead");
        }
        apply(new ProgrammeClosed(programmeId, command.closedAt(), retention.toString(),
                RetentionPeriod.eraseAfter(command.closedAt(), retention), command.closedBy()));
    }

    /**
     * A new retention period, counted from the closure. 409 {@code programme-open} before the programme is closed,
     * {@code retention-ended} once the period has ended (its participants are being erased).
     */
    @CommandHandler
    public void handle(ChangeRetention command) {
        java.time.Period retention = RetentionPeriod.parse(command.retention());
        if (closedAt == null) {
            throw Rejection.conflict("programmeId", "programme-open",
                    "The programme is open: close it with a retention period first");
        }
        if (!command.changedAt().isBefore(eraseAfter)) {
            throw Rejection.conflict("programmeId", "retention-ended",
                    "The retention period has ended: the programme's participants are being erased");
        }
        apply(new RetentionChanged(programmeId, retention.toString(),
                RetentionPeriod.eraseAfter(closedAt, retention), command.changedBy(), command.changedAt()));
    }

    /** What is known of the programme as of its latest event. */
    public ProgrammeProfile profile() {
        return new ProgrammeProfile(programmeId, created.organisationId(), created.name(), created.minimumGroupSize(),
                created.crisisSignposting(), Set.copyOf(assigned.keySet()), created.createdAt(),
                Set.copyOf(created.departments()), assignments(), enrolmentCodeHash, closedAt, retention, eraseAfter);
    }

    /** The invitations, newest first, as of {@code now}. */
    public List<Invitation> invitations(Instant now) {
        List<Invitation> list = new ArrayList<>();
        for (OpenInvitation i : invitations.values()) {
            list.add(new Invitation(i.invited().invitationId(), i.status(now), i.invited().invitedAt(),
                    i.invited().expiresAt(), i.redeemedAt(), i.revokedAt()));
        }
        list.sort(Comparator.comparing(Invitation::invitedAt).reversed());
        return list;
    }

    private List<Assignment> assignments() {
        return assigned.values().stream().map(a -> new Assignment(a.assignmentId(), a.assignedAt())).toList();
    }

    @EventSourcingHandler
    void on(ProgrammeCreated event) {
        this.programmeId = event.programmeId();
        this.created = event;
        this.enrolmentCodeHash = event.enrolmentCodeHash();
    }

    @EventSourcingHandler
    void on(ProgrammeSettingsChanged event) {
        this.careSettings = event.settings();
    }

    @EventSourcingHandler
    void on(EnrolmentCodeSet event) {
        this.enrolmentCodeHash = event.codeHash();
    }

    @EventSourcingHandler
    void on(PractitionerInvited event) {
        invitations.put(event.invitationId(), new OpenInvitation(event, null, null));
    }

    @EventSourcingHandler
    void on(InvitationRevoked event) {
        invitations.computeIfPresent(event.invitationId(),
                (id, i) -> new OpenInvitation(i.invited(), i.redeemedAt(), event.revokedAt()));
    }

    @EventSourcingHandler
    void on(PractitionerAssigned event) {
        assigned.put(event.practitionerId(), event);
        if (event.invitationId() != null) {
            invitations.computeIfPresent(event.invitationId(),
                    (id, i) -> new OpenInvitation(i.invited(), event.assignedAt(), i.revokedAt()));
        }
    }

    @EventSourcingHandler
    void on(ProgrammeClosed event) {
        this.closedAt = event.closedAt();
        this.retention = event.retention();
        this.eraseAfter = event.eraseAfter();
    }

    @EventSourcingHandler
    void on(RetentionChanged event) {
        this.retention = event.retention();
        this.eraseAfter = event.eraseAfter();
    }

    @EventSourcingHandler
    void on(PractitionerUnassigned event) {
        assigned.remove(event.practitionerId());
    }
}
