package org.tend.assessment.domain.programme;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.tend.kernel.Rejection;

/**
 * A wellbeing programme an organisation runs: its privacy floor for figures, its crisis signposting and the
 * practitioners who serve its participants.
 */
public class Programme {

    @AggregateIdentifier
    private String programmeId;
    private ProgrammeCreated created;
    private final Set<String> practitioners = new HashSet<>();

    protected Programme() {
    }

    @CommandHandler
    public Programme(CreateProgramme command, PrivacyFloor floor) {
        if (!floor.allows(command.minimumGroupSize())) {
            throw Rejection.invalid("minimumGroupSize", "range", "minimumGroupSize must be between "
                    + floor.minimumGroupSize() + " (the privacy floor) and " + PrivacyFloor.CEILING);
        }
        if (command.crisisSignposting() == null || command.crisisSignposting().isBlank()) {
            throw Rejection.invalid("crisisSignposting", "required",
                    "a programme must tell participants where to find crisis support");
        }
        apply(new ProgrammeCreated(command.programmeId(), command.organisationId(), command.name(),
                command.minimumGroupSize(), command.crisisSignposting(), command.createdAt(), command.departments()));
    }

    /** Assigning a practitioner who is already assigned changes nothing: the request is safe to repeat. */
    @CommandHandler
    public void handle(AssignPractitioner command) {
        if (practitioners.contains(command.practitionerId())) {
            return;
        }
        apply(new PractitionerAssigned(programmeId, command.practitionerId(), command.assignedAt()));
    }

    /** What is known of the programme as of its latest event. */
    public ProgrammeProfile profile() {
        return new ProgrammeProfile(programmeId, created.organisationId(), created.name(), created.minimumGroupSize(),
                created.crisisSignposting(), practitioners, created.createdAt(), Set.copyOf(created.departments()));
    }

    @EventSourcingHandler
    void on(ProgrammeCreated event) {
        this.programmeId = event.programmeId();
        this.created = event;
    }

    @EventSourcingHandler
    void on(PractitionerAssigned event) {
        practitioners.add(event.practitionerId());
    }
}
