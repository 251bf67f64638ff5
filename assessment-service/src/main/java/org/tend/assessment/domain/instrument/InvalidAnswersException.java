package org.tend.assessment.domain.instrument;

import java.util.List;
import java.util.stream.Collectors;

/** A set of answers that cannot be scored, with every reason found. */
public class InvalidAnswersException extends RuntimeException {

    private final String instrumentId;
    private final String instrumentVersion;
    private final transient List<AnswerViolation> violations;

    public InvalidAnswersException(InstrumentDefinition definition, List<AnswerViolation> violations) {
        super(describe(definition, violations));
        this.instrumentId = definition.id();
        this.instrumentVersion = definition.version();
        this.violations = List.copyOf(violations);
    }

    public String instrumentId() {
        return instrumentId;
    }

    public String instrumentVersion() {
        return instrumentVersion;
    }

    public List<AnswerViolation> violations() {
        return violations;
    }

    private static String describe(InstrumentDefinition definition, List<AnswerViolation> violations) {
        return "answers cannot be scored by " + definition.id() + " " + definition.version() + ": "
                + violations.stream()
                        .map(v -> v.itemId() + " " + v.rule() + " (" + v.message() + ")")
                        .collect(Collectors.joining("; "));
    }
}
