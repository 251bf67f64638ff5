/** FHIR R4 records of a participant: shared conventions of every service's part of an export. */
package org.tend.fhir;
