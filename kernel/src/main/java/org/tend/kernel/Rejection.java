package org.tend.kernel;

import java.util.List;
import java.util.Objects;

/**
 * A command the domain refuses, with every field at fault and the rule each breaks as stable codes. Nothing is
 * written when a command is refused: an aggregate throws before it applies any event. The web edge shows it as a
 * problem: {@link Kind#INVALID} and {@link Kind#UNKNOWN_REFERENCE} 422, {@link Kind#NOT_FOUND} 404,
 * {@link Kind#CONFLICT} 409.
 */
public class Rejection extends RuntimeException {

    public enum Kind { INVALID, UNKNOWN_REFERENCE, NOT_FOUND, CONFLICT }

    /** One field at fault, named as in the request ({@code consent}, {@code answers.phq9-9}), and its rule. */
    public record Violation(String field, String rule, String message) {
        public Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(message, "message");
        }
    }

    private final Kind kind;
    private final transient List<Violation> violations;

    public Rejection(Kind kind, String field, String rule, String message) {
        this(kind, message, List.of(new Violation(field, rule, message)));
    }

    public Rejection(Kind kind, String message, List<Violation> violations) {
        super(message);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a rejection names at least one field");
        }
        this.kind = Objects.requireNonNull(kind, "kind");
        this.violations = List.copyOf(violations);
    }

    public static Rejection invalid(String field, String rule, String message) {
        return new Rejection(Kind.INVALID, field, rule, message);
    }

    public static Rejection unknownReference(String field, String message) {
        return new Rejection(Kind.UNKNOWN_REFERENCE, field, "unknown", message);
    }

    public static Rejection notFound(String field, String message) {
        return new Rejection(Kind.NOT_FOUND, field, "unknown", message);
    }

    public static Rejection conflict(String field, String rule, String message) {
        return new Rejection(Kind.CONFLICT, field, rule, message);
    }

    public Kind kind() {
        return kind;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The first (usually the only) field at fault. */
    public String field() {
        return violations.get(0).field();
    }

    public String rule() {
        return violations.get(0).rule();
    }
}
