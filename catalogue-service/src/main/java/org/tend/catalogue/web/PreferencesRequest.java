package org.tend.catalogue.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code {"formats": ["group", "digital"]}}: the delivery formats the participant would rather have; [] = none. */
public record PreferencesRequest(@NotNull @Size(max = 10) List<String> formats) {
}
