package org.tend.assessment.domain.instrument;

import java.util.List;
import java.util.stream.Collectors;
import org.tend.kernel.Rejection;

/**
 * A set of answers that cannot be scored, with every reason found: refused as invalid, each answer at fault named
 * as the request names it ({@code answers.<itemId>}), or {@code answers} itself when the set as a whole is at fault.
 */
public class InvalidAnswersException extends Rejection {

    private final String instrumentId;
    private final String instrumentVersion;
    private final transient List<AnswerViolation> violations;

    public InvalidAnswersException(InstrumentDefinition definition, List<AnswerViolation> violations) {
        super(Kind.INVALID, describe(definition, violations), violations.stream()
                .map(v -> new Violation(v.itemId() == null ? "answers" : "answers." + v.itemId(), v.rule(),
                        v.message())).toList());
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

    public List<AnswerViolation> answerViolations() {
        return violations;
    }

    private static String describe(InstrumentDefinition definition, List<AnswerViolation> violations) {
        return "answers cannot be scored by " + definition.id() + " " + definition.version() + ": "
                + violations.stream()
                        .map(v -> (v.itemId() == null ? "answers" : v.itemId()) + " " + v.rule() + " ("
                                + v.message() + ")")
                        .collect(Collectors.joining("; "));
    }
}
