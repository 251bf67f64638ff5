package org.tend.kernel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of an event record as personal data about the participant it names (its {@code participantId}):
 * answers, scores, bands, cohort, goal texts, ratings. Wherever the event is stored, participant-keys'
 * {@code SealedFields} seals every marked component with that participant's own key, so that erasing the key makes the
 * values unreadable in every copy.
 * Identifiers (the pseudonym itself, assessment and programme ids), instrument ids and times are not marked: they say
 * that something happened, not what it said about the person.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {
}
