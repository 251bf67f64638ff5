package org.tend.catalogue.domain;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reason templates with {instrument}, {total} and {band} placeholders, rendered for one outcome. */
public final class ReasonTemplate {

    public static final Set<String> PLACEHOLDERS = Set.of("instrument", "total", "band");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private ReasonTemplate() {
    }

    /** Every placeholder name the template uses, known or not, in order of appearance. */
    public static Set<String> placeholdersIn(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    public static String render(String template, AssessmentOutcome outcome, String instrumentName) {
        return template
                .replace("{instrument}", instrumentName)
                .replace("{total}", Integer.toString(outcome.totalScore()))
                .replace("{band}", outcome.bandInWords());
    }
}
