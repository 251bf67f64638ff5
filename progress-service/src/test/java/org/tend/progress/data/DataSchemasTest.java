package org.tend.progress.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.progress.domain.outcome.ChangeMethod;
import org.tend.progress.domain.outcome.Direction;
import org.tend.progress.domain.review.ReviewRule;

/** The codes a schema allows are exactly the domain's: the loader maps each one without a second check. */
class DataSchemasTest {

    @Test
    void theOutcomeMeasuresSchemaAllowsTheDomainsCodes() throws IOException {
        JsonNode defs = schema(OutcomeDataLoader.OUTCOME_MEASURES_SCHEMA).path("$defs");

        assertThat(values(defs.at("/instrument/properties/direction/enum")))
                .isEqualTo(Arrays.stream(Direction.values()).map(Direction::code).toList());
        assertThat(values(defs.at("/method/properties/method/enum"))).containsExactly(
                ChangeMethod.NHS_TALKING_THERAPIES, ChangeMethod.JACOBSON_TRUAX, ChangeMethod.FIXED_THRESHOLD,
                ChangeMethod.NOT_CLASSIFIED);
    }

    @Test
    void theReviewRulesSchemaAllowsTheDomainsKinds() throws IOException {
        JsonNode schema = schema(OutcomeDataLoader.REVIEW_RULES_SCHEMA);

        assertThat(values(schema.at("/$defs/rule/properties/kind/enum"))).isEqualTo(ReviewRule.KINDS);
    }

    private static JsonNode schema(String resource) throws IOException {
        try (InputStream in = DataSchemasTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
