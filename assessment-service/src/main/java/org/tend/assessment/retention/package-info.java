/** Retention of closed programmes: their participants erased when the retention period ends, with one report. */
package org.tend.assessment.retention;
