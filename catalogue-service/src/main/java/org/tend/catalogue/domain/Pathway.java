package org.tend.catalogue.domain;

/** Human pathways that automated recommendations defer to. */
public enum Pathway {
    /** Same-day human risk review and crisis signposting (clinical reference §1.1, §3.4 row 1). */
    HUMAN_REVIEW("human-review"),
    /** Referral to specialist mental health services (§3.4 step 4). */
    SPECIALIST_REFERRAL("specialist-referral");

    private final String code;

    Pathway(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
