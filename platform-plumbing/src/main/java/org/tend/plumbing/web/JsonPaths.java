package org.tend.plumbing.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;

/** The JSON path of the field a request body failed to bind on (Spring MVC binds with Jackson 3). */
final class JsonPaths {
    private JsonPaths() {
    }

    /** The field at fault, or null when the body is not JSON at all (truncated, bad syntax): then no field is. */
    static String fieldOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException && !(t instanceof InputCoercionException)) {
                return null;
            }
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                StringBuilder out = new StringBuilder();
                for (JacksonException.Reference ref : jackson.getPath()) {
                    if (ref.getPropertyName() != null) {
                        out.append(out.isEmpty() ? "" : ".").append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        out.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return out.isEmpty() ? null : out.toString();
            }
        }
        return null;
    }
}
