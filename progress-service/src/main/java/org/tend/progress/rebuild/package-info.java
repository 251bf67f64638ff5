/**
 * Rebuilding the projection from the Kafka log: {@link org.tend.progress.rebuild.RebuildRunner} reads every partition
 * of the three topics from offset 0 up to the end offsets seen at its start into a fresh generation (a plain class,
 * usable without Spring, e.g. by the benchmark); {@link org.tend.progress.rebuild.RebuildService} runs one rebuild at
 * a time, with the live listener writing into both generations meanwhile, and switches the served generation once
 * the rebuild has caught up.
 */
package org.tend.progress.rebuild;
