package org.tend.plumbing.caseload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.EnumSet;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.web.ForbiddenException;
import org.tend.security.Role;
import org.tend.testsupport.EmbeddedMongo;

/** The caseload directory learns enrolments and assignments in any order, idempotently, and applies the rule. */
class CaseloadDirectoryTest {

    static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String PAT = "p_pppppppppppppppppppppppppp";
    static final String QUINN = "p_qqqqqqqqqqqqqqqqqqqqqqqqqq";
    static final String BOB = "p_bbbbbbbbbbbbbbbbbbbbbbbbbb";

    final MongoDatabase database = MongoClients.create(EmbeddedMongo.connectionString())
            .getDatabase("caseload-" + UUID.randomUUID());
    final CaseloadDirectory directory = new CaseloadDirectory(database);

    static Caller practitioner(String pseudonym) {
        return new Caller("subject", pseudonym, EnumSet.of(Role.PRACTITIONER));
    }

    @Test
    void anAssignmentBeforeTheEnrolmentStillPutsTheParticipantInTheCaseload() {
        assertThat(directory.apply(new CaseloadDirectory.Assigned("prog-1", PAT))).isTrue();
        assertThat(directory.access(practitioner(PAT), ALICE)).isEqualTo(Caseload.Access.NONE);

        directory.apply(new CaseloadDirectory.Enrolled(ALICE, "prog-1"));

        assertThat(directory.access(practitioner(PAT), ALICE)).isEqualTo(Caseload.Access.ASSIGNED_PRACTITIONER);
        assertThat(directory.programmesServedBy(PAT)).containsExactly("prog-1");
        assertThatThrownBy(() -> directory.require(practitioner(QUINN), ALICE)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aWithdrawalRefusesNewDataUntilARenewalAndEitherRecordSeenTwiceChangesNothing() {
        java.time.Instant t = java.time.Instant.parse("2025-05-01T10:00:00Z");
        directory.apply(new CaseloadDirectory.Enrolled(ALICE, "prog-1"));
        directory.requireConsent(ALICE);
        assertThat(directory.consentWithdrawnAt(ALICE)).isEmpty();

        assertThat(directory.apply(new CaseloadDirectory.ConsentWithdrawn(ALICE, t))).isTrue();
        directory.apply(new CaseloadDirectory.ConsentWithdrawn(ALICE, t));
        assertThat(directory.consentWithdrawnAt(ALICE)).contains(t);
        assertThatThrownBy(() -> directory.requireConsent(ALICE))
                .isInstanceOfSatisfying(org.tend.plumbing.web.ConflictException.class, e -> assertThat(
                        e.violations()).extracting(v -> v.field() + ":" + v.rule())
                        .containsExactly("participantId:consent-withdrawn"));
        // The practitioner still reaches the participant (to see the plan as withdrawn).
        directory.apply(new CaseloadDirectory.Assigned("prog-1", PAT));
        assertThat(directory.access(practitioner(PAT), ALICE)).isEqualTo(Caseload.Access.ASSIGNED_PRACTITIONER);

        assertThat(directory.apply(new CaseloadDirectory.ConsentRenewed(ALICE, t.plusSeconds(60)))).isTrue();
        directory.apply(new CaseloadDirectory.ConsentRenewed(ALICE, t.plusSeconds(60)));
        directory.requireConsent(ALICE);
        assertThat(directory.programmesOf(ALICE)).containsExactly("prog-1");
        // A withdrawal published late (the forwarder's reconciler) does not undo the newer renewal.
        directory.apply(new CaseloadDirectory.ConsentWithdrawn(ALICE, t));
        directory.requireConsent(ALICE);
    }

    @Test
    void theNewestChangeOfConsentWinsWhateverOrderTheRecordsArriveIn() {
        java.time.Instant t = java.time.Instant.parse("2025-05-01T10:00:00Z");
        directory.apply(new CaseloadDirectory.ConsentRenewed(BOB, t.plusSeconds(60)));
        directory.apply(new CaseloadDirectory.ConsentWithdrawn(BOB, t));
        assertThat(directory.consentWithdrawnAt(BOB)).isEmpty();
        directory.apply(new CaseloadDirectory.ConsentWithdrawn(BOB, t.plusSeconds(120)));
        assertThat(directory.consentWithdrawnAt(BOB)).contains(t.plusSeconds(120));
    }

    @Test
    void enrolAndReadEnrolsOnceAndAnswersWhatTheSeparateQuestionsWould() {
        java.time.Instant t = java.time.Instant.parse("2025-05-01T10:00:00Z");
        CaseloadDirectory.Standing first = directory.enrolAndRead(ALICE, "prog-1");
        assertThat(first.erased()).isFalse();
        assertThat(first.programmes()).containsExactly("prog-1");
        assertThat(first.consentWithdrawnAt()).isEmpty();
        assertThat(directory.programmesOf(ALICE)).containsExactly("prog-1");

        directory.apply(new CaseloadDirectory.ConsentWithdrawn(ALICE, t));
        CaseloadDirectory.Standing again = directory.enrolAndRead(ALICE, "prog-1");
        assertThat(again.programmes()).containsExactly("prog-1");
        assertThat(again.consentWithdrawnAt()).contains(t);
        assertThat(directory.enrolAndRead(ALICE, "prog-2").programmes()).containsExactly("prog-1", "prog-2");
        assertThat(directory.programmesOf(ALICE)).containsExactly("prog-1", "prog-2");

        directory.apply(new CaseloadDirectory.Erased(BOB, "erasure-1", t));
        CaseloadDirectory.Standing erased = directory.enrolAndRead(BOB, "prog-1");
        assertThat(erased.erased()).isTrue();
        assertThat(directory.programmesOf(BOB)).isEmpty();
        assertThat(directory.isErased(BOB)).isTrue();
    }

    @Test
    void recordsSeenTwiceChangeNothingAndOtherDataIsNotTheDirectorysBusiness() {
        directory.apply(new CaseloadDirectory.Enrolled(ALICE, "prog-1"));
        Document once = database.getCollection("caseload_enrolments").find().first();
        directory.apply(new CaseloadDirectory.Enrolled(ALICE, "prog-1"));
        directory.enrol(ALICE, "prog-1");

        assertThat(database.getCollection("caseload_enrolments").find().first()).isEqualTo(once);
        assertThat(directory.programmesOf(ALICE)).containsExactly("prog-1");
        assertThat(directory.apply("something else")).isFalse();
    }

    @Test
    void anUnassignedPractitionerLosesTheCaseloadAndARepeatedUnassignmentChangesNothing() {
        directory.apply(new CaseloadDirectory.Enrolled(ALICE, "prog-1"));
        directory.apply(new CaseloadDirectory.Assigned("prog-1", PAT));
        directory.apply(new CaseloadDirectory.Assigned("prog-1", QUINN));

        assertThat(directory.apply(new CaseloadDirectory.Unassigned("prog-1", PAT))).isTrue();
        directory.apply(new CaseloadDirectory.Unassigned("prog-1", PAT));

        assertThat(directory.access(practitioner(PAT), ALICE)).isEqualTo(Caseload.Access.NONE);
        assertThat(directory.access(practitioner(QUINN), ALICE)).isEqualTo(Caseload.Access.ASSIGNED_PRACTITIONER);
        directory.apply(new CaseloadDirectory.Assigned("prog-1", PAT));
        assertThat(directory.access(practitioner(PAT), ALICE)).isEqualTo(Caseload.Access.ASSIGNED_PRACTITIONER);
        // An unassignment from a programme never seen changes nothing and fails nothing.
        directory.apply(new CaseloadDirectory.Unassigned("prog-unknown", PAT));
    }

    @Test
    void aServiceKeepsItsOwnCollectionNames() {
        CaseloadDirectory named = new CaseloadDirectory(database,
                new CaseloadDirectory.Storage("enrolments", "programmeIds", "programme_practitioners",
                        "practitionerIds"));
        named.apply(new CaseloadDirectory.Enrolled(ALICE, "prog-2"));
        named.apply(new CaseloadDirectory.Assigned("prog-2", PAT));

        assertThat(database.getCollection("enrolments").find().first().getList("programmeIds", String.class))
                .containsExactly("prog-2");
        assertThat(named.access(practitioner(PAT), ALICE)).isEqualTo(Caseload.Access.ASSIGNED_PRACTITIONER);
    }
}
