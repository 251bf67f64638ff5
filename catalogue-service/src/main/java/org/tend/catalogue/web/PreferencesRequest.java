package org.tend.catalogue.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.tend.plumbing.web.NoControlCharacters;

/**
 * {@code {"formats": ["group", "digital"]}}: the delivery formats the participant would rather have; [] = none. At most
 * 10 entries (repeats are allowed and count once), each a short code: a longer list or code is 400 before any is
 * looked up; an unknown code is 422 naming {@code formats[i]}.
 */
public record PreferencesRequest(@NotNull @Size(max = 10) List<@Size(max = 40) @NoControlCharacters String> formats) {
}
