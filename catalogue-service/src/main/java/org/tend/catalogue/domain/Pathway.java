package org.tend.catalogue.domain;

/** Human pathways that automated recommendations defer to. */
public enum Pathway {
    /** Same-day human risk review and crisis signposting (clinical basis §3.1, §5.5 row 1). */
    HUMAN_REVIEW("human-review"),
    /** Referral to specialist mental health services (§5.5 step 4). */
    SPECIALIST_REFERRAL("specialist-referral");

    private final String code;

    Pathway(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
