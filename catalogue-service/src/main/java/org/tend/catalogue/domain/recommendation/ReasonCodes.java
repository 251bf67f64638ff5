package org.tend.catalogue.domain.recommendation;

/**
 * Reason codes as the published language writes them: slugs (lowercase words joined by single hyphens, the
 * pattern of {@code recommendations[].reasonCode} in the contract). The recommender's codes use dots between their
 * parts ({@code stepped-care.step-3.nice-recommended}); they become {@code stepped-care-step-3-nice-recommended}.
 * One form is stored, shown and published, so the API and the event stream agree.
 */
public final class ReasonCodes {

    private ReasonCodes() {
    }

    public static String slug(String code) {
        return code.replace('.', '-');
    }
}
