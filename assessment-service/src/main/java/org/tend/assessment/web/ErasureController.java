package org.tend.assessment.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tend.assessment.domain.enrolment.EnrolmentDirectory;
import org.tend.assessment.domain.enrolment.EraseParticipant;
import org.tend.assessment.domain.programme.AccessCodes;
import org.tend.assessment.erasure.ErasureReports;
import org.tend.assessment.erasure.ErasureReports.Report;
import org.tend.kernel.Rejection;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.ApiException;
import org.tend.plumbing.web.ConflictException;
import org.tend.plumbing.web.NoControlCharacters;
import org.tend.plumbing.web.NotFoundException;
import org.tend.security.Role;

/**
 * Erasure (GDPR Art. 17). A participant asks for it in their own session, confirming it; or obtains a one-time erasure
 * code there and hands it to an administrator (a request made offline), who erases with the code and so never learns
 * whom it erased. Either way the answer is 202 with the erasure's report, which fills in as each store confirms.
 */
@RestController
class ErasureController {

    /** How long an erasure code can be used. */
    static final Duration CODE_VALID_FOR = Duration.ofDays(30);
    static final String PARTICIPANT = "participant";
    static final String ADMINISTRATOR = "administrator";

    /** @param confirm must be given and true: erasure cannot be undone */
    record ErasureRequest(@NotNull Boolean confirm) {
    }

    /** @param erasureCode the one-time code the participant obtained in their own session */
    record CodeErasureRequest(@NotBlank @Size(max = 64) @NoControlCharacters String erasureCode) {
    }

    /** @param report where the erasure's report is read */
    record ErasureAccepted(String erasureId, String report) {
    }

    record ErasureCode(String erasureCode, Instant expiresAt) {
    }

    private final Commands commands;
    private final EnrolmentDirectory enrolments;
    private final ErasureReports reports;

    ErasureController(Commands commands, EnrolmentDirectory enrolments, ErasureReports reports) {
        this.commands = commands;
        this.enrolments = enrolments;
        this.reports = reports;
    }

    /**
     * Erases the calling participant: their key is destroyed (every copy of what was sealed with it becomes
     * unreadable), every service deletes what it holds about them, and their pseudonym is retired. 422
     * {@code confirm}/{@code must-be-true}; 409 {@code not-enrolled}, or {@code erased} when already erased.
     */
    @RequiresRole(Role.PARTICIPANT)
    @PostMapping("/api/me/erasure")
    ResponseEntity<ErasureAccepted> eraseMe(@Valid @RequestBody ErasureRequest request, Caller caller) {
        if (!Boolean.TRUE.equals(request.confirm())) {
            throw ApiException.of(Rejection.invalid("confirm", "must-be-true",
                    "Erasure cannot be undone: confirm it with \"confirm\": true"));
        }
        return erase(caller.pseudonym(), PARTICIPANT);
    }

    /**
     * A one-time erasure code for a request the participant makes offline: valid for 30 days, and only the newest
     * works. The administrator who uses it never learns whose it is. 409 {@code not-enrolled} or {@code erased}.
     */
    @RequiresRole(Role.PARTICIPANT)
    @PostMapping("/api/enrolments/me/erasure-code")
    ResponseEntity<ErasureCode> erasureCode(Caller caller) {
        if (enrolments.enrolmentOf(caller.pseudonym()).isEmpty()) {
            throw new ConflictException("participantId", "not-enrolled",
                    "Only a participant enrolled in a programme can be erased");
        }
        String code = AccessCodes.generate();
        Instant expiresAt = commands.now().plus(CODE_VALID_FOR);
        reports.issueCode(AccessCodes.hash(AccessCodes.normalise(code).orElseThrow()), caller.pseudonym(), expiresAt);
        return ResponseEntity.status(HttpStatus.CREATED).body(new ErasureCode(code, expiresAt));
    }

    /**
     * An administrator erases the participant whose erasure code this is. 404 {@code erasureCode} when no such code
     * is in force (never issued, already used, or replaced by a newer one); 409 {@code erasureCode}/{@code expired}.
     */
    @RequiresRole(Role.ADMIN)
    @PostMapping("/api/erasures")
    ResponseEntity<ErasureAccepted> eraseWithCode(@Valid @RequestBody CodeErasureRequest request) {
        String unknown = "No erasure code like this is in force";
        String hash = AccessCodes.normalise(request.erasureCode()).map(AccessCodes::hash)
                .orElseThrow(() -> new NotFoundException("erasureCode", unknown));
        ErasureReports.Code code = reports.code(hash).orElseThrow(() -> new NotFoundException("erasureCode", unknown));
        if (!code.expiresAt().isAfter(commands.now())) {
            throw new ConflictException("erasureCode", "expired",
                    "This erasure code has expired; the participant can obtain a new one");
        }
        ResponseEntity<ErasureAccepted> accepted = erase(code.participantId(), ADMINISTRATOR);
        reports.useCode(hash);
        return accepted;
    }

    /** The report of an erasure: for an administrator, or for the participant it erased. 404 otherwise. */
    @RequiresRole({Role.ADMIN, Role.PARTICIPANT})
    @GetMapping("/api/erasures/{erasureId}")
    Report report(@PathVariable @Pattern(regexp = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            message = "must be an erasure id (UUID)") String erasureId, Caller caller) {
        Optional<String> onlyFor = caller.has(Role.ADMIN) ? Optional.empty() : Optional.of(caller.pseudonym());
        return reports.find(erasureId, onlyFor)
                .orElseThrow(() -> new NotFoundException("erasureId", "No erasure report with this id for you"));
    }

    private ResponseEntity<ErasureAccepted> erase(String participantId, String requestedBy) {
        String erasureId = UUID.randomUUID().toString();
        Instant at = commands.now();
        commands.send(new EraseParticipant(participantId, erasureId, requestedBy, at), "participantId");
        reports.open(erasureId, participantId, requestedBy, at);
        String report = "/api/erasures/" + erasureId;
        return ResponseEntity.accepted().location(URI.create(report)).body(new ErasureAccepted(erasureId, report));
    }
}
