/** HTTP: the journey API for participants and their practitioners, and the admin API of the projection. */
package org.tend.progress.web;
