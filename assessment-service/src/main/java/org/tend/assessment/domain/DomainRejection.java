package org.tend.assessment.domain;

/**
 * A command the domain refuses, with what is at fault and the rule it breaks as stable codes. The web edge turns it
 * into a problem: {@link Kind#INVALID} and {@link Kind#UNKNOWN_REFERENCE} are 422, {@link Kind#NOT_FOUND} 404,
 * {@link Kind#CONFLICT} 409. Nothing is written when a command is refused.
 *
 * @see #field() the command field at fault, named as in the request ({@code consent}, {@code minimumGroupSize}, …)
 */
public class DomainRejection extends RuntimeException {

    public enum Kind { INVALID, UNKNOWN_REFERENCE, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String field;
    private final String rule;

    public DomainRejection(Kind kind, String field, String rule, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
        this.rule = rule;
    }

    public static DomainRejection invalid(String field, String rule, String message) {
        return new DomainRejection(Kind.INVALID, field, rule, message);
    }

    public static DomainRejection unknownReference(String field, String message) {
        return new DomainRejection(Kind.UNKNOWN_REFERENCE, field, "unknown", message);
    }

    public static DomainRejection notFound(String field, String message) {
        return new DomainRejection(Kind.NOT_FOUND, field, "unknown", message);
    }

    public static DomainRejection conflict(String field, String rule, String message) {
        return new DomainRejection(Kind.CONFLICT, field, rule, message);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
