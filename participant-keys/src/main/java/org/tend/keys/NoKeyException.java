package org.tend.keys;

/**
 * A service that does not make keys was asked to seal data about a participant who has none: they were erased, or were
 * never enrolled. Nothing about them may be written.
 */
public class NoKeyException extends RuntimeException {

    private final String participantId;

    public NoKeyException(String participantId) {
        super("participant " + participantId + " has no data key: erased, or never enrolled");
        this.participantId = participantId;
    }

    public String participantId() {
        return participantId;
    }
}
