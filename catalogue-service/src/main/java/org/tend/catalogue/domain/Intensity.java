package org.tend.catalogue.domain;

import java.util.Optional;

/** Resource intensity in the NHS stepped-care sense, least to most. */
public enum Intensity {
    SELF_HELP("self-help"),
    LOW("low"),
    HIGH("high");

    private final String code;

    Intensity(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** How many steps apart two intensities are: 0 when they match. */
    public int distanceTo(Intensity other) {
        return Math.abs(ordinal() - other.ordinal());
    }

    public static Optional<Intensity> fromCode(String code) {
        return Codes.find(Intensity.class, Intensity::code, code);
    }
}
