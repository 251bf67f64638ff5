/**
 * The assessment context's domain: programmes, enrolments, assessments and the safety concerns they raise, as Axon
 * event-sourced aggregates with commands and events as records. Pure Java apart from Axon's annotations and
 * lifecycle: no Spring, Kafka, Mongo or Jackson. What an aggregate needs to know beyond its own events (does a
 * programme exist, where is a participant enrolled, which instrument definitions exist) comes through small ports
 * ({@code ProgrammeDirectory}, {@code EnrolmentDirectory}, {@code InstrumentCatalogue}) injected into its command
 * handlers.
 */
package org.tend.assessment.domain;
