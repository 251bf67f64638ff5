package org.tend.assessment.domain.programme;

import java.util.List;
import static org.tend.assessment.domain.Rejections.rejected;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tend.kernel.Rejection.Kind;

class ProgrammeTest {

    static final String ID = "7d6f7b0e-55a2-4a8e-9a39-0d0f3f0b9a11";
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    static final String SIGNPOSTING = "Call 999 in an emergency; Samaritans 116 123.";
    static final String PRACTITIONER = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String ADMIN = "p_dddddddddddddddddddddddddd";
    static final String CODE = AccessCodes.hash("7K3QDM9XTR2HV6BWN4PZ");

    AggregateTestFixture<Programme> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Programme.class);
        fixture.registerInjectableResource(new PrivacyFloor(5));
        fixture.registerInjectableResource(CareSettingsTest.DEFAULTS);
    }

    static CreateProgramme create(int minimumGroupSize) {
        return new CreateProgramme(ID, "acme", "Acme wellbeing 2025", minimumGroupSize, SIGNPOSTING, T0, List.of(),
                CODE, ADMIN);
    }

    @ParameterizedTest(name = "a minimum group size of {0} is allowed")
    @ValueSource(ints = {5, 6, 10, 99, 100})
    void aProgrammeIsCreatedWithAGroupSizeFromTheFloorTo100(int size) {
        fixture.givenNoPriorActivity()
                .when(create(size))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProgrammeCreated(ID, "acme", "Acme wellbeing 2025", size, SIGNPOSTING, T0, List.of(),
                        CODE, ADMIN), CareSettingsTest.settingsChanged(CareSettingsTest.DEFAULTS.settings(), T0));
    }

    @ParameterizedTest(name = "a minimum group size of {0} is refused")
    @ValueSource(ints = {Integer.MIN_VALUE, 0, 1, 2, 4, 101, 1000})
    void aGroupSizeBelowThePrivacyFloorOrAbove100IsRefused(int size) {
        fixture.givenNoPriorActivity()
                .when(create(size))
                .expectNoEvents()
                .expectException(rejected(Kind.INVALID, "minimumGroupSize", "range"));
    }

    @Test
    void theFloorIsConfigurationNotCode() {
        AggregateTestFixture<Programme> stricter = new AggregateTestFixture<>(Programme.class);
        stricter.registerInjectableResource(new PrivacyFloor(10));
        stricter.registerInjectableResource(CareSettingsTest.DEFAULTS);
        stricter.givenNoPriorActivity()
                .when(create(9))
                .expectException(rejected(Kind.INVALID, "minimumGroupSize", "range"));
    }

    @Test
    void aProgrammeWithoutCrisisSignpostingIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateProgramme(ID, "acme", "Acme", 5, " ", T0, List.of(), CODE, ADMIN))
                .expectNoEvents()
                .expectException(rejected(Kind.INVALID, "crisisSignposting", "required"));
    }

    static final ProgrammeCreated CREATED = new ProgrammeCreated(ID, "acme", "Acme", 5, SIGNPOSTING, T0, List.of(),
            CODE, ADMIN);
    static final String INVITATION = "0b6f0d9c-2b1a-4f7e-8c3d-5e6f7a8b9c0d";
    static final String INVITE_HASH = AccessCodes.hash("ABCDEABCDEABCDEABCDE");
    static final Instant EXPIRES = T0.plusSeconds(86_400);
    static final PractitionerInvited INVITED = new PractitionerInvited(ID, INVITATION, INVITE_HASH, EXPIRES, ADMIN, T0);

    @Test
    void aPractitionerJoinsByRedeemingAnInvitationWhichRecordsTheAdministratorWhoInvited() {
        fixture.given(CREATED, INVITED)
                .when(new RedeemInvitation(ID, INVITE_HASH, PRACTITIONER, T0.plusSeconds(60)))
                .expectEvents(new PractitionerAssigned(ID, PRACTITIONER, T0.plusSeconds(60), INVITATION, ADMIN));
    }

    @Test
    void anInvitationAdmitsOnceAndItsRedeemerRepeatingChangesNothing() {
        PractitionerAssigned assigned = new PractitionerAssigned(ID, PRACTITIONER, T0.plusSeconds(60), INVITATION, ADMIN);
        fixture.given(CREATED, INVITED, assigned)
                .when(new RedeemInvitation(ID, INVITE_HASH, PRACTITIONER, T0.plusSeconds(90)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(CREATED, INVITED, assigned)
                .when(new RedeemInvitation(ID, INVITE_HASH, "p_bbbbbbbbbbbbbbbbbbbbbbbbbb", T0.plusSeconds(90)))
                .expectNoEvents()
                .expectException(rejected(Kind.CONFLICT, "code", "invitation-used"));
    }

    @Test
    void anExpiredRevokedOrUnknownInvitationAdmitsNoOne() {
        fixture.given(CREATED, INVITED)
                .when(new RedeemInvitation(ID, INVITE_HASH, PRACTITIONER, EXPIRES))
                .expectNoEvents()
                .expectException(rejected(Kind.CONFLICT, "code", "invitation-expired"));
        fixture.given(CREATED, INVITED, new InvitationRevoked(ID, INVITATION, ADMIN, T0.plusSeconds(5)))
                .when(new RedeemInvitation(ID, INVITE_HASH, PRACTITIONER, T0.plusSeconds(60)))
                .expectNoEvents()
                .expectException(rejected(Kind.CONFLICT, "code", "invitation-revoked"));
        fixture.given(CREATED, INVITED)
                .when(new RedeemInvitation(ID, CODE, PRACTITIONER, T0.plusSeconds(60)))
                .expectNoEvents()
                .expectException(rejected(Kind.NOT_FOUND, "code", "unknown"));
    }

    @Test
    void aRedeemedInvitationIsNotRevokedButItsPractitionerUnassignedRecordingWhoDidIt() {
        PractitionerAssigned assigned = new PractitionerAssigned(ID, PRACTITIONER, T0.plusSeconds(60), INVITATION, ADMIN);
        fixture.given(CREATED, INVITED, assigned)
                .when(new RevokeInvitation(ID, INVITATION, ADMIN, T0.plusSeconds(90)))
                .expectNoEvents()
                .expectException(rejected(Kind.CONFLICT, "invitationId", "invitation-redeemed"));
        fixture.given(CREATED, INVITED, assigned)
                .when(new UnassignPractitioner(ID, INVITATION, "p_cccccccccccccccccccccccccc", T0.plusSeconds(90)))
                .expectEvents(new PractitionerUnassigned(ID, PRACTITIONER, INVITATION, "p_cccccccccccccccccccccccccc",
                        T0.plusSeconds(90)));
    }

    @Test
    void anAssignmentFromBeforeInvitationsHasAStableIdThatRevealsNoPseudonym() {
        PractitionerAssigned legacy = new PractitionerAssigned(ID, PRACTITIONER, T0, null, null);
        assertThat(legacy.assignmentId()).isEqualTo(new PractitionerAssigned(ID, PRACTITIONER, T0, null, null)
                .assignmentId()).doesNotContain(PRACTITIONER).matches("[0-9a-f-]{36}");
        fixture.given(CREATED, legacy)
                .when(new UnassignPractitioner(ID, legacy.assignmentId(), ADMIN, T0.plusSeconds(90)))
                .expectEvents(new PractitionerUnassigned(ID, PRACTITIONER, legacy.assignmentId(), ADMIN,
                        T0.plusSeconds(90)));
    }

    @Test
    void aRotatedEnrolmentCodeReplacesTheOld() {
        String fresh = AccessCodes.hash("ZZZZZZZZZZZZZZZZZZZZ");
        fixture.given(CREATED)
                .when(new SetEnrolmentCode(ID, fresh, ADMIN, T0.plusSeconds(60)))
                .expectEvents(new EnrolmentCodeSet(ID, fresh, ADMIN, T0.plusSeconds(60)))
                .expectState(programme -> {
                    assertThat(programme.profile().admits(fresh)).isTrue();
                    assertThat(programme.profile().admits(CODE)).isFalse();
                });
    }

    static ProgrammeCreated created() {
        return new ProgrammeCreated(ID, "acme", "Acme wellbeing 2025", 5, SIGNPOSTING, T0, List.of(), CODE, ADMIN);
    }

    @org.junit.jupiter.api.Test
    void aClosedProgrammeIsErasedWhenItsRetentionPeriodEndsCountedInCalendarTime() {
        Instant closed = Instant.parse("2025-01-31T12:00:00Z");
        fixture.given(created())
                .when(new CloseProgramme(ID, "P1M", ADMIN, closed))
                .expectEvents(new ProgrammeClosed(ID, closed, "P1M", Instant.parse("2025-02-28T12:00:00Z"), ADMIN));
        fixture.given(created(), new ProgrammeClosed(ID, closed, "P1M", Instant.parse("2025-02-28T12:00:00Z"),
                        ADMIN))
                .when(new ChangeRetention(ID, "P1Y", ADMIN, closed.plusSeconds(60)))
                .expectEvents(new RetentionChanged(ID, "P1Y", Instant.parse("2026-01-31T12:00:00Z"), ADMIN,
                        closed.plusSeconds(60)))
                .expectState(programme -> assertThat(programme.profile().isClosed()).isTrue());
    }

    @ParameterizedTest(name = "retention {0} is refused: {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1 year,iso-8601-period", "'',iso-8601-period", "P-1D,range",
            "P11Y,range", "P121M,range", "P10Y1D,range", "P3700D,range", "PT1H,iso-8601-period"})
    void aRetentionThatIsNotAPeriodOfAtMostTenYearsIsRefused(String retention, String rule) {
        fixture.given(created())
                .when(new CloseProgramme(ID, retention, ADMIN, T0))
                .expectNoEvents()
                .expectException(rejected(Kind.INVALID, "retention", rule));
    }

    @org.junit.jupiter.api.Test
    void closingTwiceChangingAnOpenProgrammeOrAnEndedRetentionIsAConflict() {
        ProgrammeClosed closed = new ProgrammeClosed(ID, T0, "P30D", T0.plus(java.time.Duration.ofDays(30)), ADMIN);
        fixture.given(created(), closed)
                .when(new CloseProgramme(ID, "P1Y", ADMIN, T0.plusSeconds(1)))
                .expectNoEvents().expectException(rejected(Kind.CONFLICT, "programmeId", "programme-closed"));
        fixture.given(created())
                .when(new ChangeRetention(ID, "P1Y", ADMIN, T0))
                .expectNoEvents().expectException(rejected(Kind.CONFLICT, "programmeId", "programme-open"));
        fixture.given(created(), closed)
                .when(new ChangeRetention(ID, "P1Y", ADMIN, T0.plus(java.time.Duration.ofDays(30))))
                .expectNoEvents().expectException(rejected(Kind.CONFLICT, "programmeId", "retention-ended"));
    }
}
