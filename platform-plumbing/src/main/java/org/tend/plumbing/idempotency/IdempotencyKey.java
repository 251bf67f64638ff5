package org.tend.plumbing.idempotency;

import java.util.List;
import java.util.Optional;

/**
 * The value of an {@code Idempotency-Key} header field. The IETF draft ("The Idempotency-Key HTTP Header Field")
 * makes it a Structured Field String ({@code Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"}); many clients
 * send the bare value, which is accepted too. Either way the key is 1–255 printable ASCII characters (U+0020–U+007E,
 * not only spaces); anything else is refused before any lookup.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    /** Why a header value was refused: the problem's rule and a sentence. */
    public record Fault(String rule, String message) {
    }

    private IdempotencyKey() {
    }

    /** The key the header fields carry, or the fault; exactly one field line must be sent. */
    public static Result parse(List<String> fieldValues) {
        if (fieldValues.size() != 1) {
            return Result.fault("repeated", "Send one Idempotency-Key header, not " + fieldValues.size());
        }
        String raw = fieldValues.get(0).strip();
        String key;
        if (raw.startsWith("\"")) {
            Optional<String> unquoted = unquote(raw);
            if (unquoted.isEmpty()) {
                return Result.fault("pattern", "Idempotency-Key must be a quoted string (RFC 8941) or a bare key");
            }
            key = unquoted.get();
        } else {
            key = raw;
        }
        if (key.isBlank()) {
            return Result.fault("required", "Idempotency-Key must not be empty");
        }
        if (key.length() > MAX_LENGTH) {
            return Result.fault("range", "Idempotency-Key has at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return Result.fault("pattern", "Idempotency-Key holds printable ASCII characters only;"
                        + " a UUID is a good key");
            }
        }
        return new Result(key, null);
    }

    /** An RFC 8941 sf-string: DQUOTE *( unescaped / "\" ( DQUOTE / "\" ) ) DQUOTE, printable ASCII inside. */
    private static Optional<String> unquote(String raw) {
        if (raw.length() < 2 || !raw.endsWith("\"")) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < raw.length() - 1; i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                if (i + 1 >= raw.length() - 1) {
                    return Optional.empty();
                }
                char next = raw.charAt(++i);
                if (next != '"' && next != '\\') {
                    return Optional.empty();
                }
                out.append(next);
            } else if (c == '"' || c < 0x20 || c > 0x7e) {
                return Optional.empty();
            } else {
                out.append(c);
            }
        }
        return Optional.of(out.toString());
    }

    /** A key, or why there is none. */
    public record Result(String key, Fault fault) {
        static Result fault(String rule, String message) {
            return new Result(null, new Fault(rule, message));
        }

        public boolean valid() {
            return fault == null;
        }
    }
}
