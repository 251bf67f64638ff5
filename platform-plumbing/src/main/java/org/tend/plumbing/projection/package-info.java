/**
 * Projections fed from Kafka that can be rebuilt from offset 0 into a new generation while the old one is served:
 * a service implements {@link org.tend.plumbing.projection.Projection} (topics, typed edge, collection names, folded
 * writes) and wires {@link org.tend.plumbing.projection.ProjectionGenerations} (served and building generation, kept in the
 * store only so that several instances of a service agree; the switch; 503 while an outdated layout is rebuilt), {@link org.tend.plumbing.projection.ProjectionListener} (the live
 * batch listener, writing into every current generation), {@link org.tend.plumbing.projection.RebuildRunner} (reads
 * every partition from the beginning up to the end offsets seen at its start; a plain class, usable without Spring)
 * and {@link org.tend.plumbing.projection.RebuildService} (one rebuild at a time across instances, under a lease that
 * another instance takes as expired if its owner dies; switch once caught up, drop the retired generation). See the plumbing's README, "Projections and rebuilds".
 */
package org.tend.plumbing.projection;
