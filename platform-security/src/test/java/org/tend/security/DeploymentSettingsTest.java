package org.tend.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The master keyset that wraps every participant's data key: the published development one never leaves the laptop. */
class DeploymentSettingsTest {

    static final String OWN = "{\"primaryKeyId\":1,\"key\":[]}";

    @Test
    void theLocalProfileFallsBackToThePublishedKeysetAndKeepsAConfiguredOne() {
        assertThat(DeploymentSettings.masterKeyset(true, "")).isEqualTo(DeploymentSettings.LOCAL_STACK_MASTER_KEYSET);
        assertThat(DeploymentSettings.masterKeyset(true, null)).isEqualTo(DeploymentSettings.LOCAL_STACK_MASTER_KEYSET);
        assertThat(DeploymentSettings.masterKeyset(true, OWN)).isEqualTo(OWN);
    }

    @Test
    void elsewhereAKeysetIsRequiredAndThePublishedOneIsRefusedHoweverItIsSpaced() {
        assertThat(DeploymentSettings.masterKeyset(false, OWN)).isEqualTo(OWN);
        assertThatThrownBy(() -> DeploymentSettings.masterKeyset(false, " "))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TEND_MASTER_KEYSET");
        String spaced = DeploymentSettings.LOCAL_STACK_MASTER_KEYSET.replace(",", ", ").replace(":", ": ");
        assertThatThrownBy(() -> DeploymentSettings.masterKeyset(false, spaced))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("published development keyset");
    }

    @Test
    void recordsInTheClearAreForTheLocalStacksBenchmarkOnly() {
        DeploymentSettings.refuseUnsealedRecords(true, false);
        DeploymentSettings.refuseUnsealedRecords(false, true);
        assertThatThrownBy(() -> DeploymentSettings.refuseUnsealedRecords(false, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tend.keys.seal-records=false");
    }
}
