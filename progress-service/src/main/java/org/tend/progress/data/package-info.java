/**
 * The clinical data of the service, read and checked at start-up: {@code outcomes/outcome-measures-v1.yaml} (how
 *  change is classified per instrument, the NHS Talking Therapies conventions) and
 * {@code outcomes/review-rules-v1.yaml} (when a plan needs review), each checked against the JSON Schema beside it.
 * Plain Java, no Spring: a bad file throws {@link org.tend.plumbing.data.DataFileException} naming the file and
 * every fault.
 */
package org.tend.progress.data;
