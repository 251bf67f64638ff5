/**
 * The catalogue's pure core: interventions, stepped-care rules and the recommender that ranks interventions for a
 * participant with a reason for each. No Spring, Kafka, Mongo or Jackson here; the clinical content arrives as data
 * (see {@code org.tend.catalogue.data.CatalogueLoader}). Deterministic: no clock, no randomness.
 */
package org.tend.catalogue.domain;
