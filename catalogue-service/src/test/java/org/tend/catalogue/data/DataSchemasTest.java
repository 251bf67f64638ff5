package org.tend.catalogue.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.catalogue.domain.EvidenceStrength;
import org.tend.catalogue.domain.Format;
import org.tend.catalogue.domain.Intensity;
import org.tend.catalogue.domain.SteppedCareLevel;

/** The codes a schema allows are exactly the domain's: the loader maps each one without a second check. */
class DataSchemasTest {

    private static final List<String> STEPS_OF_CARE = SteppedCareLevel.stepsOfCare().stream()
            .map(SteppedCareLevel::code).toList();
    private static final List<String> INTENSITIES = Arrays.stream(Intensity.values()).map(Intensity::code).toList();

    @Test
    void theInterventionsSchemaAllowsTheDomainsCodes() throws IOException {
        JsonNode intervention = schema(CatalogueLoader.INTERVENTIONS_SCHEMA).at("/$defs/intervention/properties");

        assertThat(values(intervention.at("/formats/items/enum")))
                .isEqualTo(Arrays.stream(Format.values()).map(Format::code).toList());
        assertThat(values(intervention.at("/suitableLevels/items/enum"))).isEqualTo(STEPS_OF_CARE);
        assertThat(values(intervention.at("/intensity/enum"))).isEqualTo(INTENSITIES);
        assertThat(values(intervention.at("/evidenceStrength/enum")))
                .isEqualTo(Arrays.stream(EvidenceStrength.values()).map(EvidenceStrength::code).toList());
    }

    @Test
    void theSteppedCareSchemaAllowsTheDomainsCodes() throws IOException {
        JsonNode schema = schema(CatalogueLoader.STEPPED_CARE_SCHEMA);

        assertThat(values(schema.at("/$defs/stepOfCare/enum"))).isEqualTo(STEPS_OF_CARE);
        assertThat(values(schema.at("/properties/levels/items/properties/expectedIntensity/enum")))
                .isEqualTo(INTENSITIES);
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
