/**
 * The Kafka edge: translating inbound CloudEvents records into projection changes, and the live batch listener
 * that folds each poll into one upsert per document.
 */
package org.tend.progress.messaging;
