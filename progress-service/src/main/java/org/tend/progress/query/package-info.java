/**
 * The projection in MongoDB (sync driver, no Spring Data): generation-named collections
 * ({@code journeys_g<N>}, {@code interventions_g<N>}, {@code programmes_g<N>}), the {@code projection_state} document
 * that says which generation is served, the folding bulk writer, and the reads behind the journey API.
 */
package org.tend.progress.query;
