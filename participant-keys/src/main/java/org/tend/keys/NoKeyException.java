package org.tend.keys;

/**
 * A service that does not make keys was asked to seal data about a participant whose key it cannot find on the key
 * topic: erased, never enrolled, or made while the broker was away and not shared yet. Nothing about them is written;
 * the services refuse erased participants before this, so a caller is told to retry.
 */
public class NoKeyException extends RuntimeException {

    public NoKeyException(String participantId) {
        super("participant " + participantId + " has no data key on the key topic: erased, never enrolled, or not"
                + " shared yet");
    }
}
