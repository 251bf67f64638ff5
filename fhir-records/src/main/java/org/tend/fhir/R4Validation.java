package org.tend.fhir;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's instance validator against the base R4 profiles, with Tend's canonical resources (questionnaires, activity
 * definitions) known to it so that a response is checked against its questionnaire. Codes of terminologies the
 * validator does not hold (LOINC, Tend's own) are warnings; everything else the base profiles say is checked.
 *
 * <p>For tests: it needs {@code hapi-fhir-validation}, {@code hapi-fhir-validation-resources-r4} and
 * {@code hapi-fhir-caching-caffeine} on the class path, which a service declares as test dependencies only.
 */
public final class R4Validation {

    private final FhirValidator validator;

    /** @param conformance the canonical resources exported records refer to (Questionnaire, ActivityDefinition) */
    public R4Validation(List<? extends IBaseResource> conformance) {
        var context = FhirRecords.context();
        CanonicalResources tend = new CanonicalResources(context, conformance);
        UnknownCodeSystemWarningValidationSupport unknownCodeSystems =
                new UnknownCodeSystemWarningValidationSupport(context);
        unknownCodeSystems.setNonExistentCodeSystemSeverity(
                org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport.IssueSeverity.WARNING);
        ValidationSupportChain chain = new ValidationSupportChain(tend, new DefaultProfileValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context), new InMemoryTerminologyServerValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context), unknownCodeSystems);
        this.validator = context.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
    }

    /** Every error (and fatal) message about the resource, as "location: message"; empty when it is valid. */
    public List<String> errors(IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(R4Validation::describe).toList();
    }

    /** Every message, warnings and information included (to read what the validator thought). */
    public List<String> messages(IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages().stream().map(R4Validation::describe).toList();
    }

    private static String describe(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
    }

    /**
     * Serves Tend's canonical resources to the validator by {@code url} and {@code url|version} (the prepopulated
     * support of HAPI 8.8 does not answer for a Questionnaire, so a response would go unchecked against it).
     */
    private static final class CanonicalResources implements ca.uhn.fhir.context.support.IValidationSupport {
        private final ca.uhn.fhir.context.FhirContext context;
        private final java.util.Map<String, IBaseResource> byUrl = new java.util.HashMap<>();

        CanonicalResources(ca.uhn.fhir.context.FhirContext context, List<? extends IBaseResource> resources) {
            this.context = context;
            var terser = context.newTerser();
            for (IBaseResource resource : resources) {
                String url = terser.getSinglePrimitiveValueOrNull(resource, "url");
                String version = terser.getSinglePrimitiveValueOrNull(resource, "version");
                if (url != null) {
                    byUrl.putIfAbsent(url, resource);
                    if (version != null) {
                        byUrl.put(url + "|" + version, resource);
                    }
                }
            }
        }

        @Override
        public ca.uhn.fhir.context.FhirContext getFhirContext() {
            return context;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends IBaseResource> T fetchResource(Class<T> type, String uri) {
            IBaseResource found = uri == null ? null : byUrl.get(uri);
            return found != null && (type == null || type.isInstance(found)) ? (T) found : null;
        }
    }
}
