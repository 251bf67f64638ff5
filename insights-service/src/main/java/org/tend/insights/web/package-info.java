/**
 * The HTTP edge: HR's and administrators' read-only figures, and the administrators' settings. Thin: it checks who is
 * asking and what they asked, records what the audit trail must say, and reads the answer from the queries.
 */
package org.tend.insights.web;
