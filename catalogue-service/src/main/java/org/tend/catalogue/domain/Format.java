package org.tend.catalogue.domain;

import java.util.Optional;

/** How an intervention is delivered (clinical basis §9 format key: I, G, S, D). */
public enum Format {
    INDIVIDUAL("individual"),
    GROUP("group"),
    SELF_GUIDED("self-guided"),
    DIGITAL("digital");

    private final String code;

    Format(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Format> fromCode(String code) {
        return Codes.find(Format.class, Format::code, code);
    }
}
