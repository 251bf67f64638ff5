package org.tend.plumbing.messaging;

/** A record that can never be processed, whatever the retries: it goes to the dead-letter topic at once. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
