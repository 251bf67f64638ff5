/**
 * The journey of a participant as plain Java: the facts the projection keeps (one record per integration event
 * that concerns a participant, a programme or an intervention), the pure function that turns a participant's facts
 * into the {@link org.tend.progress.domain.Journey} view, and which journeys need a practitioner's review. No Spring, Kafka, Mongo
 * or Jackson here.
 */
package org.tend.progress.domain;
