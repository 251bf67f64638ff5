package org.tend.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * How Tend writes a participant's record as FHIR R4: one shared {@link FhirContext} (expensive to make, safe to
 * share), JSON as {@value #MEDIA_TYPE}, ids that are the same on every export of the same facts, and the participant
 * referred to only by their pseudonym: no name, no login subject, no Patient resource that could carry either.
 */
public final class FhirRecords {

    /** The media type of a FHIR JSON resource. */
    public static final String MEDIA_TYPE = "application/fhir+json";

    /**
     * The identifier system of a participant's pseudonym ({@code p_} + 26 base32 characters). The same in every
     * service, so the parts of one export refer to one person.
     */
    public static final String PARTICIPANT_SYSTEM = "urn:tend:participant";

    private static final FhirContext CONTEXT = FhirContext.forR4Cached();

    private FhirRecords() {
    }

    public static FhirContext context() {
        return CONTEXT;
    }

    /** The resource as compact FHIR JSON. */
    public static String json(IBaseResource resource) {
        return CONTEXT.newJsonParser().setPrettyPrint(false).encodeResourceToString(resource);
    }

    /** A FHIR JSON resource read back (for tests and for composing parts). */
    public static <T extends IBaseResource> T parse(Class<T> type, String json) {
        return CONTEXT.newJsonParser().parseResource(type, json);
    }

    /**
     * A stable id for the resource that stands for one of Tend's records: a name-based UUID of its kind and its id
     * in Tend, so that two exports of the same facts name the same resources (and a reference in one part of a bundle
     * can be written before the resource it names is).
     */
    public static String id(String kind, String sourceId) {
        return UUID.nameUUIDFromBytes(("tend:" + kind + ":" + sourceId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The {@code fullUrl} of a resource with an {@link #id} inside a bundle, and how other entries refer to it. */
    public static String fullUrl(String id) {
        return "urn:uuid:" + id;
    }

    /** A reference to the resource of {@link #id}{@code (kind, sourceId)} within the same bundle. */
    public static Reference reference(String kind, String sourceId) {
        return new Reference(fullUrl(id(kind, sourceId)));
    }

    /** The participant, by pseudonym only: a logical reference with the Patient type, and nothing else about them. */
    public static Reference participant(String pseudonym) {
        return new Reference().setType("Patient")
                .setIdentifier(new Identifier().setSystem(PARTICIPANT_SYSTEM).setValue(pseudonym));
    }

    /**
     * A {@code collection} bundle of the resources, each given its {@code fullUrl} from its id ({@link #id}); the
     * bundle's own id is a stable one of {@code bundleKey}.
     */
    public static Bundle collection(String bundleKey, Instant at, List<? extends Resource> resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION).setTimestamp(Date.from(at));
        bundle.setId(id("bundle", bundleKey));
        for (Resource resource : resources) {
            bundle.addEntry().setFullUrl(fullUrl(resource.getIdElement().getIdPart())).setResource(resource);
        }
        return bundle;
    }

    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
