package org.tend.progress.domain;

/** Who asks to read a journey: their pseudonymous id and the roles that can grant it (HR and admin grant nothing). */
public record Viewer(String id, boolean participant, boolean practitioner) {
}
