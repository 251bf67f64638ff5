/**
 * Loads the catalogue and the stepped-care rules from versioned YAML on the classpath ({@code catalogue/*.yaml}),
 * checks them against the JSON Schemas beside them and against each other, and turns them into
 * {@code org.tend.catalogue.domain} objects. Bad data stops start-up with a
 * {@link org.tend.plumbing.data.DataFileException} naming the file and every fault found.
 */
package org.tend.catalogue.data;
