package org.tend.progress.domain.outcome;

/**
 * The change between two scores of one instrument and what it means.
 *
 * @param change         latest − first, in points of the published score
 * @param rci            the Jacobson–Truax reliable change index, only when that method decided (else null)
 * @param method         the kind of method that decided ({@link ChangeMethod#kind()}), or "none"
 * @param rule           a sentence naming the method and its threshold (or why change is not classified)
 */
public record Change(int first, int latest, int change, Double rci, ChangeClassification classification,
                     String method, String rule) {
}
