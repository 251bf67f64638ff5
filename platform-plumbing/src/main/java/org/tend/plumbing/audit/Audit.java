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
    static final String ABOUT_ATTRIBUTE = Audit.class.getName() + ".about";

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

    /**
     * Says what else the current request is about, beyond its route pattern: HR insights name the programme, measure,
     * period and cohort asked for, so that the trail says which figures an HR user looked at. Only the names and
     * forms of {@link AuditEntry#ABOUT} are kept (identifiers, never a person or free text); anything else is
     * ignored, as is a call outside a request.
     */
    public static void about(String name, String value) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null || !AuditEntry.isAbout(name, value)) {
            return;
        }
        @SuppressWarnings("unchecked")
        java.util.Map<String, String> about = (java.util.Map<String, String>) request.getAttribute(ABOUT_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        if (about == null) {
            about = new java.util.TreeMap<>();
            request.setAttribute(ABOUT_ATTRIBUTE, about, RequestAttributes.SCOPE_REQUEST);
        }
        about.put(name, value);
    }
}
