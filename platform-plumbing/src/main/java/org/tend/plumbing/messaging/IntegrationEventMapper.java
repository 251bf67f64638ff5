package org.tend.plumbing.messaging;

import java.util.List;

/**
 * Maps a service's domain events to integration events at its edge. Domain events may carry what must stay
 * inside the service (free text, login subjects, item answers); the mapping decides what is published.
 * An event that has no public counterpart maps to an empty list.
 */
@FunctionalInterface
public interface IntegrationEventMapper {
    List<IntegrationEvent> map(Object domainEvent);
}
