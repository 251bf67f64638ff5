/**
 * Safety concerns: raised by an assessment whose answers fire a critical-item rule, routed to the programme's
 * practitioners inside this service, acknowledged by one of them. Nothing here is ever published.
 */
package org.tend.assessment.domain.safety;
