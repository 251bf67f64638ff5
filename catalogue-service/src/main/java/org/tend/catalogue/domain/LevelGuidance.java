package org.tend.catalogue.domain;

/** What a step of care means for ranking: its label and the intensity that fits it best (§5.5 column 2). */
public record LevelGuidance(SteppedCareLevel level, String label, Intensity expectedIntensity) {

    public LevelGuidance {
        Require.present(level, "level");
        Require.text(label, "label of " + level.code());
        Require.present(expectedIntensity, "expectedIntensity of " + level.code());
    }
}
