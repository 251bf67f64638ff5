package org.tend.assessment.domain.enrolment;

import java.util.List;
import static org.tend.assessment.domain.Rejections.rejected;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tend.kernel.Rejection.Kind;
import org.tend.assessment.domain.programme.AccessCodes;
import org.tend.assessment.domain.programme.ProgrammeDirectory;
import org.tend.assessment.domain.programme.ProgrammeProfile;

class EnrolmentTest {

    static final String PARTICIPANT = "p_cccccccccccccccccccccccccc";
    static final String PROGRAMME = "1f0c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    static final String OTHER_PROGRAMME = "2e1d0c9b-8a7f-4e6d-9c5b-4a3b2c1d0e9f";
    static final Instant T0 = Instant.parse("2025-03-02T10:00:00Z");
    static final String CODE = AccessCodes.hash("7K3QDM9XTR2HV6BWN4PZ");

    AggregateTestFixture<Enrolment> fixture;

    @BeforeEach
    void setUp() {
        ProgrammeDirectory programmes = id -> Set.of(PROGRAMME, OTHER_PROGRAMME).contains(id)
                ? Optional.of(new ProgrammeProfile(id, "acme", "Acme", 5, "Call 999", Set.of(), T0,
                        Set.of("engineering", "finance"), List.of(), CODE, null, null, null))
                : Optional.empty();
        fixture = new AggregateTestFixture<>(Enrolment.class);
        fixture.registerInjectableResource(programmes);
    }

    @Test
    void aParticipantEnrolsWithConsentAndACohortCode() {
        fixture.givenNoPriorActivity()
                .when(new EnrolParticipant(PARTICIPANT, PROGRAMME, true, "finance", CODE, T0))
                .expectEvents(new ParticipantEnrolled(PARTICIPANT, PROGRAMME, "finance", true, T0));
    }

    @Test
    void aCohortCodeTheProgrammeDoesNotListIsRefusedSoNothingTypedReachesTheStreams() {
        fixture.givenNoPriorActivity()
                .when(new EnrolParticipant(PARTICIPANT, PROGRAMME, true, "jane-doe", CODE, T0))
                .expectNoEvents()
                .expectException(rejected(Kind.INVALID, "department", "unknown-department"));
    }

    @Test
    void theCohortCodeIsOptional() {
        fixture.givenNoPriorActivity()
                .when(new EnrolParticipant(PARTICIPANT, PROGRAMME, true, null, CODE, T0))
                .expectEvents(new ParticipantEnrolled(PARTICIPANT, PROGRAMME, null, true, T0));
    }

    @Test
    void enrolmentWithoutConsentIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new EnrolParticipant(PARTICIPANT, PROGRAMME, false, null, CODE, T0))
                .expectNoEvents()
                .expectException(rejected(Kind.INVALID, "consent", "must-be-true"));
    }

    @Test
    void consentThatWasNotGivenAtAllIsRefusedToo() {
        fixture.givenNoPriorActivity()
                .when(new EnrolParticipant(PARTICIPANT, PROGRAMME, null, null, CODE, T0))
                .expectException(rejected(Kind.INVALID, "consent", "must-be-true"));
    }

    @Test
    void anUnknownProgrammeCannotBeEnrolledIn() {
        fixture.givenNoPriorActivity()
                .when(new EnrolParticipant(PARTICIPANT, "9c9c9c9c-9c9c-4c9c-9c9c-9c9c9c9c9c9c", true, null, CODE, T0))
                .expectNoEvents()
                .expectException(rejected(Kind.NOT_FOUND, "enrolmentCode", "unknown"));
    }

    @Test
    void onlyTheProgrammesCurrentCodeAdmits() {
        fixture.givenNoPriorActivity()
                .when(new EnrolParticipant(PARTICIPANT, PROGRAMME, true, null, "0".repeat(64), T0))
                .expectNoEvents()
                .expectException(rejected(Kind.NOT_FOUND, "enrolmentCode", "unknown"));
    }

    @Test
    void aParticipantEnrolledOnceCannotEnrolAgainInAnyProgramme() {
        fixture.given(new ParticipantEnrolled(PARTICIPANT, PROGRAMME, null, true, T0))
                .when(new EnrolParticipant(PARTICIPANT, OTHER_PROGRAMME, true, null, CODE, T0.plusSeconds(5)))
                .expectNoEvents()
                .expectException(rejected(Kind.CONFLICT, "participantId", "already-enrolled"));
    }

    static final Instant T1 = T0.plusSeconds(86_400);

    @Test
    void aWithdrawalEndsConsentAndAParticipantMayConsentAgain() {
        fixture.given(new ParticipantEnrolled(PARTICIPANT, PROGRAMME, "finance", true, T0))
                .when(new WithdrawConsent(PARTICIPANT, T1))
                .expectEvents(new ConsentWithdrawn(PARTICIPANT, PROGRAMME, T1))
                .expectState(e -> org.assertj.core.api.Assertions.assertThat(e.record().consentGiven()).isFalse());
        fixture.given(new ParticipantEnrolled(PARTICIPANT, PROGRAMME, "finance", true, T0),
                        new ConsentWithdrawn(PARTICIPANT, PROGRAMME, T1))
                .when(new RenewConsent(PARTICIPANT, true, T1.plusSeconds(60)))
                .expectEvents(new ConsentRenewed(PARTICIPANT, PROGRAMME, T1.plusSeconds(60)))
                .expectState(e -> org.assertj.core.api.Assertions.assertThat(e.record().consentGiven()).isTrue());
    }

    @Test
    void withdrawingTwiceIsAConflict() {
        fixture.given(new ParticipantEnrolled(PARTICIPANT, PROGRAMME, null, true, T0),
                        new ConsentWithdrawn(PARTICIPANT, PROGRAMME, T1))
                .when(new WithdrawConsent(PARTICIPANT, T1.plusSeconds(1)))
                .expectNoEvents()
                .expectException(rejected(Kind.CONFLICT, "participantId", "already-withdrawn"));
    }

    @Test
    void onlyAnEnrolledParticipantWithdrawsOrRenews() {
        fixture.givenNoPriorActivity()
                .when(new WithdrawConsent(PARTICIPANT, T1))
                .expectNoEvents()
                .expectException(rejected(Kind.CONFLICT, "participantId", "not-enrolled"));
        fixture.givenNoPriorActivity()
                .when(new RenewConsent(PARTICIPANT, true, T1))
                .expectNoEvents()
                .expectException(rejected(Kind.CONFLICT, "participantId", "not-enrolled"));
    }

    @Test
    void renewingNeedsConsentAndAWithdrawalToRenew() {
        fixture.given(new ParticipantEnrolled(PARTICIPANT, PROGRAMME, null, true, T0),
                        new ConsentWithdrawn(PARTICIPANT, PROGRAMME, T1))
                .when(new RenewConsent(PARTICIPANT, false, T1))
                .expectNoEvents()
                .expectException(rejected(Kind.INVALID, "consent", "must-be-true"));
        fixture.given(new ParticipantEnrolled(PARTICIPANT, PROGRAMME, null, true, T0))
                .when(new RenewConsent(PARTICIPANT, true, T1))
                .expectNoEvents()
                .expectException(rejected(Kind.CONFLICT, "participantId", "consent-given"));
    }
}
