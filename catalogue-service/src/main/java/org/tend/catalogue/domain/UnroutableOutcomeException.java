package org.tend.catalogue.domain;

/** No stepped-care rule can route the outcome(s): unknown instrument, a score out of range, or nothing to route. */
public class UnroutableOutcomeException extends IllegalArgumentException {

    public UnroutableOutcomeException(String message) {
        super(message);
    }
}
