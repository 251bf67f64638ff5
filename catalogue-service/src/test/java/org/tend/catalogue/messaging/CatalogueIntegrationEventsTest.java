package org.tend.catalogue.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tend.catalogue.data.CatalogueLoader;
import org.tend.catalogue.data.LoadedCatalogue;
import org.tend.catalogue.domain.Intervention;
import org.tend.catalogue.domain.entry.InterventionContent;
import org.tend.catalogue.domain.entry.InterventionPublished;
import org.tend.catalogue.domain.entry.InterventionRevised;
import org.tend.catalogue.domain.recommendation.AssessmentOutcomeRecorded;
import org.tend.catalogue.domain.recommendation.PathwayAdvice;
import org.tend.catalogue.domain.recommendation.PreferencesChanged;
import org.tend.catalogue.domain.recommendation.RankedIntervention;
import org.tend.catalogue.domain.recommendation.RecommendationsIssued;
import org.tend.contracts.ContractValidator;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;

/** What goes on tend.catalogue.events validates against the published schemas, for every shipped entry. */
class CatalogueIntegrationEventsTest {

    private static final LoadedCatalogue SHIPPED = new CatalogueLoader().loadDefault();
    private static final ContractValidator CONTRACTS = ContractValidator.load();
    private static final ObjectMapper JSON = MessagingAutoConfiguration.integrationJson();
    private static final Instant AT = Instant.parse("2025-03-04T08:41:28.123456Z");

    private final CatalogueIntegrationEvents mapper = new CatalogueIntegrationEvents();

    static List<Intervention> shippedEntries() {
        return SHIPPED.catalogue().interventions();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedEntries")
    void everyShippedEntryPublishesAValidRecordKeyedByItsId(Intervention intervention) throws Exception {
        InterventionContent content = InterventionContent.of(intervention);
        for (Object event : List.of(new InterventionPublished(intervention.id(), "1.0.0", content, AT),
                new InterventionRevised(intervention.id(), "1.1.0", content, AT))) {
            IntegrationEvent published = single(event);

            assertThat(published.type()).isEqualTo("tend.catalogue.intervention-published.v1");
            assertThat(published.key()).isEqualTo(intervention.id());
            byte[] data = JSON.writeValueAsBytes(published.data());
            assertThat(CONTRACTS.validate(published.type(), data)).isEmpty();
            assertThat(new String(data)).doesNotContain("evidenceNote").doesNotContain("snomed");
        }
    }

    @Test
    void recommendationsGoOutAsCodesWithoutReasonSentences() throws Exception {
        RecommendationsIssued issued = issued(3, new PathwayAdvice("specialist-referral", "refer-specialist",
                "Step 4 is outside the scope …", "step4-specialist-referral"));

        IntegrationEvent published = single(issued);

        assertThat(published.type()).isEqualTo("tend.catalogue.recommendations-issued.v1");
        assertThat(published.key()).isEqualTo("p_aaaaaaaaaaaaaaaaaaaaaaaaaa");
        byte[] data = JSON.writeValueAsBytes(published.data());
        assertThat(CONTRACTS.validate(published.type(), data)).isEmpty();
        String json = new String(data);
        assertThat(json).contains("\"steppedCareLevel\":\"step-4\"", "\"reasonCode\":\"stepped-care-step-4-nice"
                + "-recommended\"", "\"issuedAt\":\"2025-03-04T08:41:28.123456Z\"");
        assertThat(json).doesNotContain("sentence", "Step 4 is outside", "pathway", "preferred", "rule");
    }

    @Test
    void atMostTwentyRecommendationsArePublishedBestFirst() throws Exception {
        IntegrationEvent published = single(issued(25, null));

        RecommendationsIssuedV1 data = (RecommendationsIssuedV1) published.data();
        assertThat(data.recommendations()).hasSize(20);
        assertThat(data.recommendations().get(19).rank()).isEqualTo(20);
        assertThat(CONTRACTS.validate(published.type(), JSON.writeValueAsBytes(data))).isEmpty();
    }

    @Test
    void preferencesAndRecordedOutcomesStayInside() {
        assertThat(mapper.map(new PreferencesChanged("p_aaaaaaaaaaaaaaaaaaaaaaaaaa", List.of("group"), AT)))
                .isEmpty();
        assertThat(mapper.map(new AssessmentOutcomeRecorded("p_aaaaaaaaaaaaaaaaaaaaaaaaaa",
                "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "6f1c1a9e-2b7d-4c1e-9a4f-0d1e2f3a4b5c", "phq-9", "1.0.0",
                17, "moderately-severe", AT, AT))).isEmpty();
    }

    private IntegrationEvent single(Object event) {
        List<IntegrationEvent> events = mapper.map(event);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static RecommendationsIssued issued(int count, PathwayAdvice pathway) {
        List<RankedIntervention> ranked = IntStream.rangeClosed(1, count)
                .mapToObj(rank -> new RankedIntervention("intervention-" + rank, rank,
                        "stepped-care-step-4-nice-recommended", "a sentence for people", "phq9-severe-refer"))
                .toList();
        return new RecommendationsIssued("p_aaaaaaaaaaaaaaaaaaaaaaaaaa", "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
                "phq-9", "severe", "step-4", "phq9-severe-refer", "PHQ-9 total 22 …", pathway, ranked, List.of(),
                List.of("group"), "1.0.0", "1.0.0", AT);
    }
}
