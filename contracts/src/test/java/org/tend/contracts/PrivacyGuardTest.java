package org.tend.contracts;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.contracts.TestData.schema;
import static org.tend.contracts.TestData.types;

/**
 * No name, email, login subject or free text on Kafka. A property whose name suggests one is a design error;
 * the only exception is the catalogue's intervention name, which names a therapy, not a person.
 */
class PrivacyGuardTest {

    private static final List<String> SUSPICIOUS = List.of(
            "name", "email", "mail", "subject", "sub", "login", "user", "phone", "address", "birth",
            "text", "note", "comment", "message", "description", "answer", "free");

    private static final List<String> ALLOWED = List.of(EventTypes.INTERVENTION_PUBLISHED_V1 + " $.name");

    @Test
    void noSchemaHasAPropertyForPersonalDataOrFreeText() {
        List<String> flagged = new ArrayList<>();
        for (String type : types()) {
            SchemaCatalogueTest.walk(schema(type), "$", (path, node) -> {
                Iterator<String> names = node.path("properties").fieldNames();
                while (names.hasNext()) {
                    String property = names.next();
                    String lower = property.toLowerCase(Locale.ROOT);
                    String where = type + " " + path + "." + property;
                    if (SUSPICIOUS.stream().anyMatch(word -> suspicious(lower, word)) && !ALLOWED.contains(where)) {
                        flagged.add(where);
                    }
                }
            });
        }
        assertThat(flagged).isEmpty();
    }

    @Test
    void theGuardWouldCatchTheUsualSuspects() {
        for (String property : List.of("name", "firstName", "email", "userEmail", "subject", "goalText", "note",
                "notes", "comment", "username", "sub")) {
            String lower = property.toLowerCase(Locale.ROOT);
            assertThat(SUSPICIOUS.stream().anyMatch(word -> suspicious(lower, word))).as(property).isTrue();
        }
        for (String property : List.of("participantId", "programmeId", "band", "rating", "department", "steppedCareLevel",
                "typicalDuration", "suitableSeverities", "consentGiven", "reasonCode", "rule", "scoreRange")) {
            String lower = property.toLowerCase(Locale.ROOT);
            assertThat(SUSPICIOUS.stream().anyMatch(word -> suspicious(lower, word))).as(property).isFalse();
        }
    }

    /** Whole-word for very short words (so "sub" does not flag "subscription"), substring otherwise. */
    private static boolean suspicious(String lowerProperty, String word) {
        return word.length() <= 3 ? lowerProperty.equals(word) : lowerProperty.contains(word);
    }
}
