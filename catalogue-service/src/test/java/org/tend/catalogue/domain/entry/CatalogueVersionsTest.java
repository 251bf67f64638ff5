package org.tend.catalogue.domain.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogueVersionsTest {

    @ParameterizedTest(name = "{0} vs {1} → {2}")
    @CsvSource({
            "1.0.0,   1.0.0,  0",
            "1.0.1,   1.0.0,  1",
            "1.10.0,  1.9.0,  1",
            "1.9.0,   1.10.0, -1",
            "2,       1.9.9,  1",
            "1.0,     1.0.0,  0",
            "2025-06, 2025-05, 1"})
    void comparesNumericallyPartByPart(String a, String b, int expected) {
        assertThat(Integer.signum(CatalogueVersions.compare(a, b))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1.x.0", "v1"})
    void refusesVersionsThatAreNotNumeric(String version) {
        assertThatThrownBy(() -> CatalogueVersions.compare(version, "1.0.0"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
