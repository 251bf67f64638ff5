/** Each service's confirmations that an erasure reached its stores, sent to the service that keeps the reports. */
package org.tend.plumbing.erasure;
