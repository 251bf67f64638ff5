package org.tend.keys;

/**
 * The shared key records could not be read in time (the broker is away). Nothing may be sealed or opened as if a key
 * did not exist: the caller fails, and a command answers 503 or an event processor retries.
 */
public class KeysUnavailableException extends RuntimeException {

    public KeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
