package org.tend.plumbing.audit;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.tend.plumbing.identity.Pseudonymizer;

/**
 * What a controller tells the audit trail about the request it is answering. The trail takes the participant a request
 * is about from its {@code participantId} path variable or query parameter by itself; a route that names a participant
 * only indirectly (an assessment or a goal, by its id) says whom it found, before it decides whether the caller may see
 * them, so that a refusal is recorded against the participant too.
 */
public final class Audit {

    static final String PARTICIPANT_ATTRIBUTE = Audit.class.getName() + ".participantId";

    private Audit() {
    }

    /**
     * Names the participant the current request is about. Anything but a pseudonymous id is ignored (the trail never
     * holds what a client typed), as is a call outside a request.
     */
    public static void participant(String participantId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && Pseudonymizer.isPseudonym(participantId)) {
            request.setAttribute(PARTICIPANT_ATTRIBUTE, participantId, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
