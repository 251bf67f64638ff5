/**
 * The instrument library's domain: a questionnaire definition as plain data ({@link
 * org.tend.assessment.domain.instrument.InstrumentDefinition}), its consistency checks ({@link
 * org.tend.assessment.domain.instrument.DefinitionValidator}) and the pure scoring function ({@link
 * org.tend.assessment.domain.instrument.ScoringEngine}).
 *
 * <p>Every threshold, band and licence decision lives in the versioned definition files, never in this code, so that a
 * clinician and a licensing reviewer can sign them off (docs/clinical-basis.md, preamble and §10). No Spring, Kafka, Mongo
 * or Jackson here.
 */
package org.tend.assessment.domain.instrument;
