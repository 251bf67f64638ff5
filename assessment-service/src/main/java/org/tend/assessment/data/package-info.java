/**
 * Loads the instrument library from versioned YAML files on the classpath ({@code instruments/index.yaml} lists them),
 * each checked against {@code instruments/instrument.schema.json}, and refuses to start with a message that names the
 * faulty file. The file format is {@link org.tend.assessment.data.InstrumentFile}; the domain it maps to is
 * {@code org.tend.assessment.domain.instrument}.
 */
package org.tend.assessment.data;
