/**
 * The read side: the events insights keeps in MongoDB (one document per participant, programme and intervention, in
 * generation-named collections so that a rebuild can fill a new generation beside the served one), the settings an
 * administrator sets, the noise drawn in noise mode and the privacy budget ledger, and the plans every answer is
 * read from.
 */
package org.tend.insights.query;
