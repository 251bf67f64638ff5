package org.tend.progress.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.ConflictException;
import org.tend.plumbing.web.InvalidInputException;
import org.tend.progress.query.JourneyQueries;
import org.tend.progress.reminders.EmailAddress;
import org.tend.progress.reminders.ReminderAddresses;
import org.tend.security.Role;

/**
 * Opting in to e-mail reminders and out again: a participant for their check-ins, a practitioner for a daily digest.
 * The address is shown back masked; it is never published.
 */
@RestController
@RequestMapping("/api/reminders")
public class ReminderController {

    /** @param email where reminders go */
    public record OptIn(@NotNull @Size(max = 320) String email) {
    }

    /** @param email the address masked ({@code a***@example.org}), or null when not opted in */
    public record Status(boolean optedIn, String email) {
    }

    private final ReminderAddresses addresses;
    private final JourneyQueries queries;
    private final Clock clock;

    public ReminderController(ReminderAddresses addresses, JourneyQueries queries, Clock clock) {
        this.addresses = addresses;
        this.queries = queries;
        this.clock = clock;
    }

    @RequiresRole(Role.PARTICIPANT)
    @GetMapping("/me")
    public Status mine(Caller caller) {
        return status(addresses.addressOf(caller.pseudonym()).orElse(null));
    }

    @RequiresRole(Role.PARTICIPANT)
    @PutMapping("/me")
    public Status optIn(Caller caller, @Valid @RequestBody OptIn request) {
        String address = valid(request.email());
        if (queries.find(queries.readableGeneration(), caller.pseudonym()).isEmpty()) {
            throw new ConflictException("participantId", "not-enrolled",
                    "Reminders are about a programme's check-ins: enrol in one first");
        }
        addresses.optIn(caller.pseudonym(), address, clock.instant());
        return status(address);
    }

    @RequiresRole(Role.PARTICIPANT)
    @DeleteMapping("/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void optOut(Caller caller) {
        addresses.optOut(caller.pseudonym());
    }

    @RequiresRole(Role.PRACTITIONER)
    @GetMapping("/practitioner")
    public Status practitioner(Caller caller) {
        return status(addresses.practitionerAddress(caller.pseudonym()).orElse(null));
    }

    @RequiresRole(Role.PRACTITIONER)
    @PutMapping("/practitioner")
    public Status practitionerOptIn(Caller caller, @Valid @RequestBody OptIn request) {
        String address = valid(request.email());
        addresses.practitionerOptIn(caller.pseudonym(), address, clock.instant());
        return status(address);
    }

    @RequiresRole(Role.PRACTITIONER)
    @DeleteMapping("/practitioner")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void practitionerOptOut(Caller caller) {
        addresses.practitionerOptOut(caller.pseudonym());
    }

    private static String valid(String email) {
        return EmailAddress.normalised(email).orElseThrow(() -> new InvalidInputException("email", "format",
                "An e-mail address is one local@domain address of at most 254 characters, such as name@example.org"));
    }

    private static Status status(String address) {
        return address == null ? new Status(false, null) : new Status(true, EmailAddress.masked(address));
    }
}
