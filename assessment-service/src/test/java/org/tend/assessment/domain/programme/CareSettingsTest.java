package org.tend.assessment.domain.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.assessment.domain.Rejections.rejected;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tend.kernel.Rejection;
import org.tend.kernel.Rejection.Kind;

/** A programme's care settings: the defaults from creation, changed by an administrator within the rules. */
class CareSettingsTest {

    static final String ID = ProgrammeTest.ID;
    static final String ADMIN = ProgrammeTest.ADMIN;
    static final Instant T0 = ProgrammeTest.T0;
    static final Instant T1 = T0.plusSeconds(3_600);
    static final List<ScheduleItem> DEFAULT_SCHEDULE = List.of(
            new ScheduleItem("phq-9", "P14D", "plan-active"), new ScheduleItem("gad-7", "P14D", "plan-active"),
            new ScheduleItem("who-5", "P28D", "enrolled"), new ScheduleItem("goal-rating", "P7D", "plan-active"));
    static final CareDefaults DEFAULTS = new CareDefaults(new CareSettings(3, "P14D", "default-v1",
            DEFAULT_SCHEDULE), Set.of("phq-9", "gad-7", "who-5", "k10", "goal-rating"));

    static ProgrammeSettingsChanged settingsChanged(CareSettings s, Instant at) {
        return new ProgrammeSettingsChanged(ID, s.maxActiveGoals(), s.reviewPeriod(), s.scheduleVersion(),
                s.schedule(), ADMIN, at);
    }

    AggregateTestFixture<Programme> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Programme.class);
        fixture.registerInjectableResource(new PrivacyFloor(5));
        fixture.registerInjectableResource(DEFAULTS);
    }

    static ChangeCareSettings change(Integer max, String review, List<ScheduleItem> schedule) {
        return new ChangeCareSettings(ID, max, review, schedule, ADMIN, T1);
    }

    @Test
    void aChangeWithoutAScheduleKeepsTheScheduleAndItsVersion() {
        fixture.given(ProgrammeTest.CREATED, settingsChanged(DEFAULTS.settings(), T0))
                .when(change(5, "P021D", null))
                .expectEvents(settingsChanged(new CareSettings(5, "P21D", "default-v1", DEFAULT_SCHEDULE), T1));
    }

    @Test
    void aNewScheduleIsTheProgrammesOwnNextVersionAndTheSameOneAgainChangesNothing() {
        List<ScheduleItem> weekly = List.of(new ScheduleItem("k10", "P7D", "enrolled"));
        CareSettings v1 = new CareSettings(3, "P14D", "programme-v1", weekly);
        fixture.given(ProgrammeTest.CREATED, settingsChanged(DEFAULTS.settings(), T0))
                .when(change(3, "P14D", weekly))
                .expectEvents(settingsChanged(v1, T1));

        fixture.given(ProgrammeTest.CREATED, settingsChanged(v1, T0))
                .when(change(3, "P14D", List.of(new ScheduleItem("k10", "P07D", "enrolled"))))
                .expectNoEvents();

        fixture.given(ProgrammeTest.CREATED, settingsChanged(v1, T0))
                .when(change(3, "P14D", List.of()))
                .expectEvents(settingsChanged(new CareSettings(3, "P14D", "programme-v2", List.of()), T1));
    }

    /** Events stored before programmes had settings: the programme has the defaults, and changes from them. */
    @Test
    void aProgrammeCreatedBeforeSettingsExistedHasTheDefaults() {
        fixture.given(ProgrammeTest.CREATED)
                .when(change(4, "P14D", null))
                .expectEvents(settingsChanged(new CareSettings(4, "P14D", "default-v1", DEFAULT_SCHEDULE), T1))
                .expectState(p -> assertThat(p.careSettings(DEFAULTS).maxActiveGoals()).isEqualTo(4));
    }

    /**
     * Such a programme never published its settings: the other services know none. Its first change publishes them,
     * even when it only confirms the defaults (which would otherwise change nothing).
     */
    @Test
    void anOlderProgrammesFirstChangePublishesItsSettingsEvenWhenTheyAreTheDefaults() {
        fixture.given(ProgrammeTest.CREATED)
                .when(change(3, "P14D", null))
                .expectEvents(settingsChanged(DEFAULTS.settings(), T1));
        fixture.given(ProgrammeTest.CREATED, settingsChanged(DEFAULTS.settings(), T0))
                .when(change(3, "P14D", null))
                .expectNoEvents();
    }

    @Test
    void outOfRangeOrMalformedValuesAreRefusedNamingEachField() {
        fixture.given(ProgrammeTest.CREATED)
                .when(change(6, "P14D", null))
                .expectNoEvents()
                .expectException(rejected(Kind.INVALID, "maxActiveGoals", "range"));
        fixture.given(ProgrammeTest.CREATED)
                .when(change(3, "P2W", null))
                .expectNoEvents()
                .expectException(rejected(Kind.INVALID, "reviewPeriod", "iso-8601-days"));
        fixture.given(ProgrammeTest.CREATED)
                .when(change(3, "P1000D", null))
                .expectNoEvents()
                .expectException(rejected(Kind.INVALID, "reviewPeriod", "range"));
        fixture.given(ProgrammeTest.CREATED)
                .when(change(3, "P14D", List.of(new ScheduleItem("phq-8", "P14D", "enrolled"))))
                .expectNoEvents()
                .expectException(rejected(Kind.INVALID, "schedule.items[0].measure", "unknown"));
    }

    @Test
    void everyFaultIsNamedAtOnce() {
        List<Rejection.Violation> faults = CareSettings.violations(0, "P0D", List.of(
                new ScheduleItem("phq-9", "P14D", "enrolled"), new ScheduleItem("phq-9", "14 days", "always")),
                DEFAULTS.knownMeasures());

        assertThat(faults).extracting(v -> v.field() + ":" + v.rule()).containsExactly(
                "maxActiveGoals:range", "reviewPeriod:range", "schedule.items[1].measure:duplicate",
                "schedule.items[1].every:iso-8601-days", "schedule.items[1].while:unknown");
    }

    @Test
    void aClosedProgrammesSettingsNoLongerChange() {
        fixture.given(ProgrammeTest.CREATED, new ProgrammeClosed(ID, T0, "P1Y", T0.plusSeconds(86_400 * 366), ADMIN))
                .when(change(4, "P14D", null))
                .expectNoEvents()
                .expectException(rejected(Kind.CONFLICT, "programmeId", "programme-closed"));
    }
}
