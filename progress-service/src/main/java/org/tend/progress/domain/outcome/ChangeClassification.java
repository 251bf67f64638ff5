package org.tend.progress.domain.outcome;

/** What a change between two scores of one instrument means. */
public enum ChangeClassification {
    RELIABLE_IMPROVEMENT("reliable-improvement"),
    NO_RELIABLE_CHANGE("no-reliable-change"),
    RELIABLE_DETERIORATION("reliable-deterioration"),
    /** The instrument has no documented way to classify change (or the change cannot be judged). */
    NOT_CLASSIFIED("not-classified");

    private final String code;

    ChangeClassification(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** What the same change read backwards (latest → first) is: improvement and deterioration swap. */
    public ChangeClassification reversed() {
        return switch (this) {
            case RELIABLE_IMPROVEMENT -> RELIABLE_DETERIORATION;
            case RELIABLE_DETERIORATION -> RELIABLE_IMPROVEMENT;
            default -> this;
        };
    }
}
