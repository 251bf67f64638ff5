package org.tend.assessment.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.tend.assessment.domain.instrument.ScoreBasis;
import org.tend.assessment.domain.instrument.ScoringMethod;

/** The keywords the instrument schema allows are exactly the domain's: the file record maps each without a check. */
class DataSchemasTest {

    @Test
    void theInstrumentSchemaAllowsTheDomainsKeywords() throws IOException {
        JsonNode properties;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(InstrumentLibrary.INSTRUMENT_SCHEMA)) {
            properties = new ObjectMapper().readTree(in).path("properties");
        }

        assertThat(values(properties.at("/scoring/properties/method/enum"))).isEqualTo(
                Arrays.stream(ScoringMethod.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
        assertThat(values(properties.at("/bands/properties/basis/enum"))).isEqualTo(
                Arrays.stream(ScoreBasis.values()).map(b -> b.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
