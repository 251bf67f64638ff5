/**
 * Several instances of one service: who this instance is ({@link org.tend.plumbing.instance.InstanceId}), and leases
 * in the service's database ({@link org.tend.plumbing.instance.Leases}) that give a job or a loop to one instance at a
 * time and hand it over when that instance stops or dies ({@link org.tend.plumbing.instance.LeasedJob}).
 */
package org.tend.plumbing.instance;
