package org.tend.catalogue.domain;

/**
 * A rule that sends a participant to a human pathway instead of (safety) or before (step 4) self-chosen options.
 *
 * @param reasonCode stable slug: {@code safety-review-first}, {@code refer-specialist}
 */
public record PathwayRule(String id, Pathway pathway, String reasonCode, String reasonTemplate) {

    public PathwayRule {
        Require.text(id, "pathway rule id");
        Require.present(pathway, "pathway of rule " + id);
        Require.text(reasonCode, "reasonCode of rule " + id);
        Require.text(reasonTemplate, "reasonTemplate of rule " + id);
    }
}
