/**
 * The Kafka edge: the live batch listener that reads each poll through the typed inbound edge and folds it into one
 * upsert per document.
 */
package org.tend.progress.messaging;
