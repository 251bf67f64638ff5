package org.tend.assessment.fhir;

import java.util.Locale;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Questionnaire;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.domain.instrument.Item;
import org.tend.assessment.domain.instrument.ResponseOption;
import org.tend.fhir.FhirBase;

/**
 * An instrument definition as a FHIR R4 {@code Questionnaire}: the canonical resource every exported response names
 * ({@code <base>/Questionnaire/<id>|<version>}), served at that URL. Items keep their ids as {@code linkId} and their
 * LOINC codes; each answer is a coding (the LOINC answer code where the definition has one, else a code of the
 * instrument's own answer list) with its scored value as the {@code ordinalValue} extension.
 */
public final class InstrumentQuestionnaires {

    public static final String LOINC = "http://loinc.org";
    static final String ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

    private final FhirBase base;

    public InstrumentQuestionnaires(FhirBase base) {
        this.base = base;
    }

    public Questionnaire of(InstrumentDefinition d) {
        Questionnaire q = new Questionnaire();
        q.setId(d.id());
        q.setUrl(base.questionnaire(d.id()));
        q.setVersion(d.version());
        q.setName(d.id().toUpperCase(Locale.ROOT).replace('-', '_'));
        q.setTitle(d.title());
        q.setStatus(Enumerations.PublicationStatus.ACTIVE);
        q.setLanguage(d.language());
        q.addSubjectType("Patient");
        q.setDescription("Recall period: " + d.recallPeriod() + ".");
        if (d.licence() != null && d.licence().notice() != null) {
            q.setCopyright(d.licence().notice());
        }
        if (d.loincPanel() != null) {
            q.addCode(new Coding(LOINC, d.loincPanel(), null));
        }
        if (d.instructions() != null) {
            q.addItem().setLinkId("instructions").setType(Questionnaire.QuestionnaireItemType.DISPLAY)
                    .setText(d.instructions());
        }
        if (d.stem() != null) {
            q.addItem().setLinkId("stem").setType(Questionnaire.QuestionnaireItemType.DISPLAY).setText(d.stem());
        }
        for (Item item : d.items()) {
            Questionnaire.QuestionnaireItemComponent qi = q.addItem().setLinkId(item.id())
                    .setPrefix(String.valueOf(item.number())).setText(item.text())
                    .setType(Questionnaire.QuestionnaireItemType.CHOICE);
            if (item.loincCode() != null) {
                qi.addCode(new Coding(LOINC, item.loincCode(), null));
            }
            for (ResponseOption option : d.optionsFor(item).options()) {
                qi.addAnswerOption().setValue(answer(d, item, option));
            }
        }
        return q;
    }

    /** The coding of one answer, the same in the questionnaire and in every response. */
    public Coding answer(InstrumentDefinition d, Item item, ResponseOption option) {
        Coding coding = option.loincAnswerCode() != null
                ? new Coding(LOINC, option.loincAnswerCode(), option.label())
                : new Coding(base.codeSystem(d.id() + "-" + item.optionSet()), String.valueOf(option.value()),
                        option.label());
        coding.addExtension(ORDINAL_VALUE, new DecimalType(option.value()));
        return coding;
    }
}
