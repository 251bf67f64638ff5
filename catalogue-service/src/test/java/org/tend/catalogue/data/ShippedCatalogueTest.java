package org.tend.catalogue.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.tend.catalogue.domain.Catalogue;
import org.tend.catalogue.domain.EvidenceStrength;
import org.tend.catalogue.domain.Format;
import org.tend.catalogue.domain.Intervention;
import org.tend.catalogue.domain.SnomedConcept;
import org.tend.catalogue.domain.SteppedCareLevel;

/** The shipped catalogue holds every entry of clinical basis §9, plus the two routable §5 entries. */
class ShippedCatalogueTest {

    private static final Catalogue CATALOGUE = new CatalogueLoader().loadDefault().catalogue();

    private static Intervention entry(String id) {
        return CATALOGUE.find(id).orElseThrow(() -> new AssertionError("no catalogue entry " + id));
    }

    private static List<String> list(String spaceSeparated) {
        return Arrays.asList(spaceSeparated.strip().split("\\s+"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // id                    | name starts with                                   | formats (§9)                          | evidence         | levels (§5.5)
            "cbt                     | Cognitive behavioural therapy (CBT)                | individual group self-guided digital | nice-recommended | step-2 step-3 step-4",
            "behavioural-activation  | Behavioural activation (BA)                        | individual group self-guided         | nice-recommended | step-2 step-3 step-4",
            "mbsr                    | Mindfulness-Based Stress Reduction (MBSR)          | group                                | some-evidence    | universal step-1-2",
            "mbct                    | Mindfulness-Based Cognitive Therapy (MBCT)         | group                                | some-evidence    | step-1-2 step-2",
            "act                     | Acceptance and Commitment Therapy (ACT)            | individual group self-guided digital | some-evidence    | step-1-2 step-2",
            "dbt-skills              | Dialectical Behaviour Therapy (DBT) skills         | individual group                     | limited          | step-3 step-4",
            "problem-solving-therapy | Problem-solving therapy (PST)                      | individual group self-guided         | nice-recommended | step-1-2 step-2 step-3",
            "psychoeducation         | Psychoeducation                                    | individual group self-guided digital | nice-recommended | universal step-1-2 step-2",
            "motivational-interviewing | Motivational interviewing (MI)                   | individual                           | limited          | step-1-2",
            "relaxation              | Relaxation / progressive muscle relaxation (PMR)   | individual group self-guided digital | nice-recommended | step-1-2 step-3",
            "cbt-i                   | CBT for insomnia (CBT-I) / sleep hygiene           | individual group digital             | some-evidence    | universal step-1-2",
            "physical-activity       | Physical activity / exercise                       | individual group self-guided digital | nice-recommended | universal step-1-2 step-2",
            "peer-support            | Peer support                                       | individual group digital             | insufficient     | universal",
            "ipt                     | Interpersonal psychotherapy (IPT)                  | individual group                     | nice-recommended | step-2 step-3 step-4",
            "counselling             | Counselling                                        | individual                           | nice-recommended | step-2 step-3",
            "sfbt                    | Solution-focused brief therapy (SFBT)              | individual group                     | limited          | step-1-2",
            "exposure-therapy        | Exposure therapy                                   | individual group digital             | some-evidence    | step-3",
            "journaling              | Journaling / expressive writing                    | self-guided digital                  | limited          | universal",
            "gratitude-ppi           | Gratitude / positive psychology interventions      | group self-guided digital            | some-evidence    | universal",
            "art-therapy             | Art therapy                                        | individual group                     | limited          | step-2 step-3",
            "music-therapy           | Music therapy                                      | individual group                     | some-evidence    | step-2 step-3",
            "guided-self-help        | Guided self-help                                   | self-guided digital                  | nice-recommended | step-1-2 step-2",
            "digital-cbt             | Digital CBT                                        | self-guided digital                  | nice-recommended | step-1-2 step-2"})
    void holdsTheReferenceEntry(String id, String name, String formats, String evidence, String levels) {
        Intervention intervention = entry(id);

        assertThat(intervention.name()).startsWith(name.strip());
        assertThat(intervention.formats()).extracting(Format::code).containsExactlyInAnyOrderElementsOf(list(formats));
        assertThat(intervention.evidenceStrength().code()).isEqualTo(evidence.strip());
        assertThat(intervention.suitableLevels()).extracting(SteppedCareLevel::code)
                .containsExactlyInAnyOrderElementsOf(list(levels));
        assertThat(Stream.of(intervention.approach(), intervention.typicalDuration(), intervention.evidenceNote()))
                .allSatisfy(text -> assertThat(text).isNotBlank());
    }

    @Test
    void holdsExactlyThe21ReferenceEntriesAndTheTwoSteppedCareEntries() {
        assertThat(CATALOGUE.version()).isEqualTo("1.0.0");
        assertThat(CATALOGUE.interventions()).extracting(Intervention::id).containsExactly(
                "cbt", "behavioural-activation", "mbsr", "mbct", "act", "dbt-skills", "problem-solving-therapy",
                "psychoeducation", "motivational-interviewing", "relaxation", "cbt-i", "physical-activity",
                "peer-support", "ipt", "counselling", "sfbt", "exposure-therapy", "journaling", "gratitude-ppi",
                "art-therapy", "music-therapy", "guided-self-help", "digital-cbt");
    }

    @Test
    void artAndMusicTherapyCarryTheArtsBasedTherapyConceptAndNothingElseHasOne() {
        SnomedConcept artsBased = new SnomedConcept("302257006", "Arts-based therapy");

        assertThat(entry("art-therapy").snomedConcept()).contains(artsBased);
        assertThat(entry("music-therapy").snomedConcept()).contains(artsBased);
        assertThat(CATALOGUE.interventions()).filteredOn(i -> i.snomedConcept().isPresent())
                .extracting(Intervention::id).containsExactly("art-therapy", "music-therapy");
    }

    @ParameterizedTest
    @EnumSource(value = SteppedCareLevel.class, names = "SAFETY", mode = EnumSource.Mode.EXCLUDE)
    void everyStepOfCareHasSomethingToOffer(SteppedCareLevel level) {
        assertThat(CATALOGUE.suitableAt(level)).isNotEmpty();
    }

    @Test
    void nothingIsOfferedOnTheSafetyPathway() {
        assertThat(CATALOGUE.suitableAt(SteppedCareLevel.SAFETY)).isEmpty();
    }

    @Test
    void peerSupportIsTheOnlyEntryWithInsufficientEvidence() {
        assertThat(CATALOGUE.interventions()).filteredOn(i -> i.evidenceStrength() == EvidenceStrength.INSUFFICIENT)
                .extracting(Intervention::id).containsExactly("peer-support");
    }

    @Test
    void noYamlCommentLeakedIntoTheText() {
        // A "# comment" after a folded (>-) scalar becomes part of the text instead of a comment.
        assertThat(CATALOGUE.interventions()).allSatisfy(i -> assertThat(
                Stream.of(i.name(), i.approach(), i.typicalDuration(), i.evidenceNote()))
                .noneMatch(text -> text.contains(" #") || text.endsWith(" ")));
    }
}
