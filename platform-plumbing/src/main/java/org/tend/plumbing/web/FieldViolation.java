package org.tend.plumbing.web;

/**
 * One thing wrong with a request: the field (a JSON path such as {@code answers.phq9-9}, or a path or query
 * parameter), the rule it broke as a stable code ({@code required}, {@code range}, {@code unknown}, …) and a
 * sentence for people.
 */
public record FieldViolation(String field, String rule, String message) {
}
