/** Wiring: the store, the listener, the queries, the budget ledger. */
package org.tend.insights.config;
