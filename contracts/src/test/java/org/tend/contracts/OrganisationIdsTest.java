package org.tend.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrganisationIdsTest {

    @Test
    void aSlugIsPublishedAsTheSameNameBasedUuidEveryTime() {
        String acme = OrganisationIds.published("acme");
        assertThat(acme).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(OrganisationIds.published("acme")).isEqualTo(acme);
        assertThat(OrganisationIds.published("acme-uk")).isNotEqualTo(acme);
    }

    @Test
    void aSlugThatIsACanonicalUuidIsPublishedUnchanged() {
        String uuid = "0b7e3f0a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
        assertThat(OrganisationIds.published(uuid)).isEqualTo(uuid);
    }
}
