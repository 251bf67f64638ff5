package org.tend.plumbing.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.tend.contracts.EventTypes;
import org.tend.keys.ParticipantKeys;

/**
 * A consumer's view of a record that may be sealed ({@link EventTypes#SEALED}): for a reader that handles raw records
 * rather than through {@link InboundEvents} (an analytics consumer with access to the keys, a tool, a test), the same
 * record with its data opened and its {@code content-type} set back to JSON.
 */
public final class SealedRecords {

    private SealedRecords() {
    }

    /** Whether the record's value is sealed. */
    public static boolean isSealed(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("content-type");
        return header != null && EventTypes.SEALED_CONTENT_TYPE.equals(
                new String(header.value(), StandardCharsets.UTF_8));
    }

    /**
     * The record as it was before sealing (a record that is not sealed as it is), or empty when its participant was
     * erased and it can never be read again.
     *
     * @throws org.tend.keys.KeysUnavailableException when the key is neither known nor erased yet (try again)
     * @throws IllegalArgumentException                when the value was altered or is not the participant's
     */
    public static Optional<ConsumerRecord<String, byte[]>> opened(ConsumerRecord<String, byte[]> record,
                                                                  ParticipantKeys keys) {
        if (!isSealed(record)) {
            return Optional.of(record);
        }
        Header type = record.headers().lastHeader("ce_type");
        if (type == null) {
            throw new IllegalArgumentException("a sealed record without ce_type");
        }
        return keys.openShared(record.key(),
                EventTypes.sealingContext(new String(type.value(), StandardCharsets.UTF_8)), record.value())
                .map(plain -> {
                    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
                    headers.remove("content-type");
                    headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
                    return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                            record.timestamp(), record.timestampType(), record.serializedKeySize(), plain.length,
                            record.key(), plain, headers, record.leaderEpoch());
                });
    }
}
