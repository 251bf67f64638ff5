/**
 * The clinical data of the service, read and checked at start-up: {@code outcomes/outcome-measures-v1.yaml} (how
 * change is classified per instrument, the NHS Talking Therapies conventions, GAS and GBO constants) and
 * {@code outcomes/review-rules-v1.yaml} (when a plan needs review). Plain Java and Jackson 2 YAML, no Spring: a bad
 * file throws {@link org.tend.progress.data.OutcomeDataException} naming the file and every fault.
 */
package org.tend.progress.data;
