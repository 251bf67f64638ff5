package org.tend.plumbing.messaging;

import java.util.Objects;

/**
 * An event of the published language, ready to leave the service: its CloudEvents type (with version, e.g.
 * {@code tend.goal.goal-set.v1}), the record key (a pseudonymous participant id, or the id of the programme or
 * intervention it concerns) and its data, serialised as JSON that must validate against the schema of that type
 * in {@code contracts/}.
 */
public record IntegrationEvent(String type, String key, Object data) {
    public IntegrationEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
    }
}
