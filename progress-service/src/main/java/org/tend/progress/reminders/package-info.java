/**
 * E-mail reminders: a participant who opts in is told when a check-in of their programme's schedule is waiting, and a
 * practitioner who opts in gets a daily digest of how many of their participants need attention. The addresses are
 * held here and nowhere else (never on a topic): a participant's sealed with their own key (so their erasure shreds
 * it), a practitioner's encrypted with the master key. No message carries health information: a sentence and a link.
 */
package org.tend.progress.reminders;
