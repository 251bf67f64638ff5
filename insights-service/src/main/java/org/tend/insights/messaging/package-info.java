/** The Kafka edge: the listener that keeps the events insights reads, through the plumbing's typed inbound edge. */
package org.tend.insights.messaging;
