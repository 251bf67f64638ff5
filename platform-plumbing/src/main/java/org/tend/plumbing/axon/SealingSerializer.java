package org.tend.plumbing.axon;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.tend.keys.SealedFields;

/**
 * The event serializer of a service whose events hold personal data: the service's Jackson serializer, with every
 * event's {@link org.tend.kernel.PersonalData} sealed by the participant's own key on the way into the event store and
 * opened on the way out ({@link SealedFields}). Everything that reads the store (aggregates, processors, the forwarder,
 * the reconciler) goes through it, so the domain sees plain events while the store, its backups and anything else that
 * copies the documents hold ciphertext; once the participant's key is erased, every copy reads with the personal values
 * emptied.
 */
public final class SealingSerializer implements Serializer {

    private final Serializer delegate;
    private final SealedFields fields;

    public SealingSerializer(Serializer delegate, SealedFields fields) {
        this.delegate = delegate;
        this.fields = fields;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object == null || !fields.holdsPersonalData(object.getClass())) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<JsonNode> plain = delegate.serialize(object, JsonNode.class);
        JsonNode sealed = fields.seal(object.getClass(), plain.getType().getName(), plain.getData());
        T data = delegate.getConverter().convert(sealed, JsonNode.class, expectedRepresentation);
        return new SimpleSerializedObject<>(data, expectedRepresentation, plain.getType());
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = serializedObject == null || SerializedType.isEmptyType(serializedObject.getType()) ? null
                : delegate.classForType(serializedObject.getType());
        if (type == null || type == UnknownSerializedType.class || !fields.holdsPersonalData(type)) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode tree = delegate.getConverter().convert(serializedObject, JsonNode.class).getData().deepCopy();
        JsonNode opened = fields.open(type, serializedObject.getType().getName(), tree);
        return delegate.deserialize(new SimpleSerializedObject<>(opened, JsonNode.class, serializedObject.getType()));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
