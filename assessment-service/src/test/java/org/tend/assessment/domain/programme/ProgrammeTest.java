package org.tend.assessment.domain.programme;

import java.util.List;
import static org.tend.assessment.domain.Rejections.rejected;

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

    AggregateTestFixture<Programme> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Programme.class);
        fixture.registerInjectableResource(new PrivacyFloor(5));
    }

    static CreateProgramme create(int minimumGroupSize) {
        return new CreateProgramme(ID, "acme", "Acme wellbeing 2025", minimumGroupSize, SIGNPOSTING, T0, List.of());
    }

    @ParameterizedTest(name = "a minimum group size of {0} is allowed")
    @ValueSource(ints = {5, 6, 10, 99, 100})
    void aProgrammeIsCreatedWithAGroupSizeFromTheFloorTo100(int size) {
        fixture.givenNoPriorActivity()
                .when(create(size))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProgrammeCreated(ID, "acme", "Acme wellbeing 2025", size, SIGNPOSTING, T0, List.of()));
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
        stricter.givenNoPriorActivity()
                .when(create(9))
                .expectException(rejected(Kind.INVALID, "minimumGroupSize", "range"));
    }

    @Test
    void aProgrammeWithoutCrisisSignpostingIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateProgramme(ID, "acme", "Acme", 5, " ", T0, List.of()))
                .expectNoEvents()
                .expectException(rejected(Kind.INVALID, "crisisSignposting", "required"));
    }

    @Test
    void aPractitionerIsAssigned() {
        fixture.given(new ProgrammeCreated(ID, "acme", "Acme", 5, SIGNPOSTING, T0, List.of()))
                .when(new AssignPractitioner(ID, PRACTITIONER, T0.plusSeconds(60)))
                .expectEvents(new PractitionerAssigned(ID, PRACTITIONER, T0.plusSeconds(60)));
    }

    @Test
    void assigningAPractitionerTwiceIsANoOpNotAnError() {
        fixture.given(new ProgrammeCreated(ID, "acme", "Acme", 5, SIGNPOSTING, T0, List.of()),
                        new PractitionerAssigned(ID, PRACTITIONER, T0.plusSeconds(60)))
                .when(new AssignPractitioner(ID, PRACTITIONER, T0.plusSeconds(120)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void severalPractitionersServeOneProgramme() {
        String other = "p_bbbbbbbbbbbbbbbbbbbbbbbbbb";
        fixture.given(new ProgrammeCreated(ID, "acme", "Acme", 5, SIGNPOSTING, T0, List.of()),
                        new PractitionerAssigned(ID, PRACTITIONER, T0.plusSeconds(60)))
                .when(new AssignPractitioner(ID, other, T0.plusSeconds(120)))
                .expectEvents(new PractitionerAssigned(ID, other, T0.plusSeconds(120)));
    }
}
