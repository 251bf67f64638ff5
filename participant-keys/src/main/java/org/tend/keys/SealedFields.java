package org.tend.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tend.kernel.PersonalData;

/**
 * Seals the {@link PersonalData} of an event in its JSON form, and opens it again. All the marked values of one event
 * are sealed together, with the key of the participant the event names ({@value #SUBJECT}), into one field,
 * {@value #SEALED}; the rest of the event (identifiers, instrument, times) stays readable, so a store can still be
 * indexed, counted and replayed. What is bound to the ciphertext is the participant and the event's type, so a sealed
 * value cannot be copied into another person's event or another kind of event.
 *
 * <p>Once the participant's key is erased, {@link #open} gives the event with its personal values <em>emptied</em>:
 * an empty map or list where the type is one, absent (so null, or zero for a number) otherwise. Every copy of the
 * event, in the event store, a backup or a replay, reads that way from then on.
 *
 * <p>An event stored before sealing was introduced (no {@value #SEALED} field) is given back as it is.
 */
public final class SealedFields {

    /** The field of a sealed event that holds its sealed personal values (base64 of the AEAD ciphertext). */
    public static final String SEALED = "$sealed";
    /** The component naming the participant whose key seals the event. */
    public static final String SUBJECT = "participantId";

    private final ParticipantKeys keys;
    private final ObjectMapper json = new ObjectMapper();
    private final ClassValue<Layout> layouts = new ClassValue<>() {
        @Override
        protected Layout computeValue(Class<?> type) {
            return Layout.of(type);
        }
    };

    public SealedFields(ParticipantKeys keys) {
        this.keys = keys;
    }

    /** Whether events of this type hold personal data (and so are sealed). */
    public boolean holdsPersonalData(Class<?> type) {
        return type != null && !layouts.get(type).personal().isEmpty();
    }

    /**
     * Whether this event holds personal data about a participant who was erased: what it says about them can no longer
     * be read, so it must not be passed on (published, projected) as if it could.
     */
    public boolean aboutErasedParticipant(Object event) {
        if (event == null || !holdsPersonalData(event.getClass())) {
            return false;
        }
        String subject = layouts.get(event.getClass()).subjectOf(event);
        return subject != null && keys.isErased(subject);
    }

    /**
     * Seals the personal values of an event of {@code type} in place.
     *
     * @param context what the event is, bound to the ciphertext (the serialized type name)
     * @throws IllegalArgumentException when the event names no participant
     */
    public JsonNode seal(Class<?> type, String context, JsonNode event) {
        Layout layout = layouts.get(type);
        if (layout.personal().isEmpty() || !(event instanceof ObjectNode object)) {
            return event;
        }
        String subject = subjectOf(type, object);
        ObjectNode personal = JsonNodeFactory.instance.objectNode();
        for (String name : layout.personal()) {
            JsonNode value = object.remove(name);
            if (value != null) {
                personal.set(name, value);
            }
        }
        try {
            byte[] sealed = keys.seal(subject, context, json.writeValueAsBytes(personal));
            object.put(SEALED, Base64.getEncoder().encodeToString(sealed));
            return object;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the personal values of " + type.getName(), e);
        }
    }

    /**
     * Opens the personal values of an event of {@code type} in place; empties them when the participant's key was
     * erased.
     *
     * @throws IllegalArgumentException when the sealed value was not sealed for this participant and type, or altered
     */
    public JsonNode open(Class<?> type, String context, JsonNode event) {
        if (!(event instanceof ObjectNode object) || !object.has(SEALED)) {
            return event;
        }
        String subject = subjectOf(type, object);
        byte[] sealed = Base64.getDecoder().decode(object.remove(SEALED).asText());
        Optional<byte[]> personal = keys.open(subject, context, sealed);
        if (personal.isEmpty()) {
            layouts.get(type).emptied().forEach((name, empty) -> object.set(name, empty.deepCopy()));
            return object;
        }
        try {
            object.setAll((ObjectNode) json.readTree(personal.get()));
            return object;
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("the personal values of a " + type.getName() + " do not read", e);
        }
    }

    private static String subjectOf(Class<?> type, ObjectNode event) {
        JsonNode subject = event.get(SUBJECT);
        if (subject == null || !subject.isTextual() || subject.asText().isBlank()) {
            throw new IllegalArgumentException("a " + type.getName() + " holds personal data but names no "
                    + SUBJECT + " whose key could seal it");
        }
        return subject.asText();
    }

    /**
     * Which components of a type are personal, what each reads as once erased, and how to read the participant an
     * event of the type names ({@code subject}: a record accessor or a field; null when it names none).
     */
    private record Layout(List<String> personal, Map<String, JsonNode> emptied, AccessibleObject subject) {

        static Layout of(Class<?> type) {
            List<String> personal = new ArrayList<>();
            Map<String, JsonNode> emptied = new LinkedHashMap<>();
            AccessibleObject subject = null;
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getName().equals(SUBJECT)) {
                        subject = component.getAccessor();
                    }
                    if (component.isAnnotationPresent(PersonalData.class)) {
                        add(component.getName(), component.getType(), personal, emptied);
                    }
                }
            } else {
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                    for (Field field : c.getDeclaredFields()) {
                        if (Modifier.isStatic(field.getModifiers())) {
                            continue;
                        }
                        if (field.getName().equals(SUBJECT) && subject == null) {
                            subject = field;
                        }
                        if (field.isAnnotationPresent(PersonalData.class)) {
                            add(field.getName(), field.getType(), personal, emptied);
                        }
                    }
                }
            }
            if (!personal.isEmpty() && subject == null) {
                throw new IllegalStateException(type.getName() + " marks personal data but has no " + SUBJECT
                        + ": whose key would seal it?");
            }
            if (subject != null) {
                subject.setAccessible(true);
            }
            return new Layout(List.copyOf(personal), Map.copyOf(emptied), subject);
        }

        /** The participant an event of this type names; null when it names none. */
        String subjectOf(Object event) {
            try {
                Object value = subject instanceof Method accessor ? accessor.invoke(event)
                        : subject instanceof Field field ? field.get(event) : null;
                return (String) value;
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalStateException("cannot read the " + SUBJECT + " of a " + event.getClass().getName(),
                        e);
            }
        }

        private static void add(String name, Class<?> type, List<String> personal, Map<String, JsonNode> emptied) {
            personal.add(name);
            if (Map.class.isAssignableFrom(type)) {
                emptied.put(name, JsonNodeFactory.instance.objectNode());
            } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
                emptied.put(name, JsonNodeFactory.instance.arrayNode());
            }
        }
    }
}
