package org.tend.gateway.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the gateway accepts as a request target ({@code /path?query}), so that it never relays one that it, Spring
 * Security's firewall (in the gateway and in every service) or a service's servlet container would refuse with a
 * page or an empty body of its own. The first rule a target breaks is reported as {@code field} ({@code path},
 * {@code query}, or the query parameter's name), {@code rule} and {@code message}.
 *
 * <ul>
 *   <li>{@code percent-encoding}: every {@code %} starts two hex digits, and the decoded bytes are UTF-8;</li>
 *   <li>{@code character}: nothing unencoded beyond RFC 3986's path or query characters (so no raw {@code [ ] { } |
 *       \ ^ < > "} or non-ASCII), no {@code ;} in the path, no unassigned code point once decoded;</li>
 *   <li>{@code control-character}: no control character, encoded or not;</li>
 *   <li>{@code dot-segment}, {@code empty-segment}: no {@code .} or {@code ..} segment (encoded or not), no
 *       {@code //}, in the path;</li>
 *   <li>{@code encoded-character}: the path encodes no {@code / \ ; % .}: a service could decode them into a
 *       different path than the one the gateway routed;</li>
 *   <li>{@code parameter-name}: a query parameter's name is letters, digits and {@code . _ ~ -}, so no
 *       {@code participantId[$ne]} or {@code x[]} (operator and array syntaxes that no Tend API takes).</li>
 * </ul>
 */
public final class RequestTargetRules {

    /** One broken rule, as an element of the problem's {@code errors}. */
    public record Violation(String field, String rule, String message) {
    }

    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern ABSOLUTE_FORM_PREFIX = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*");
    private static final int MAX_FIELD_LENGTH = 64;
    private static final String UNRESERVED_AND_SUB_DELIMS = "-._~!$&'()*+,;=";

    private RequestTargetRules() {
    }

    /**
     * Checks a request target as it came on the request line: origin form ({@code /path?query}) or absolute form
     * ({@code http://host/path?query}); {@code *} (for {@code OPTIONS *}) passes.
     */
    public static Optional<Violation> checkTarget(String target) {
        if ("*".equals(target)) {
            return Optional.empty();
        }
        String rest = ABSOLUTE_FORM_PREFIX.matcher(target).replaceFirst("");
        if (rest.isEmpty() && !target.isEmpty()) {
            return Optional.empty();
        }
        if (!rest.startsWith("/")) {
            return Optional.of(new Violation("path", "character", "The request target must start with '/'"));
        }
        int question = rest.indexOf('?');
        return question < 0 ? check(rest, null) : check(rest.substring(0, question), rest.substring(question + 1));
    }

    /** Checks a raw (still percent-encoded) path and query; the query may be null. */
    public static Optional<Violation> check(String rawPath, String rawQuery) {
        Optional<Violation> path = checkPath(rawPath);
        return path.isPresent() || rawQuery == null ? path : checkQuery(rawQuery);
    }

    private static Optional<Violation> checkPath(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (!escapeAt(raw, i)) {
                    return violation("path", "percent-encoding",
                            "Every '%' in the path must start an escape of two hex digits");
                }
                i += 2;
            } else if (isControl(c)) {
                return violation("path", "control-character", "The path may not contain control characters");
            } else if (c == ';') {
                return violation("path", "character", "The path may not contain ';' (path parameters)");
            } else if (c != '/' && !isPathCharacter(c)) {
                return violation("path", "character", unencoded(c, "path"));
            }
        }
        String decoded = decodeUtf8(raw, false);
        if (decoded == null) {
            return violation("path", "percent-encoding", "The path's escapes must spell UTF-8");
        }
        Optional<Violation> characters = checkDecoded("path", decoded);
        if (characters.isPresent()) {
            return characters;
        }
        for (String segment : raw.split("/", -1)) {
            String name = decodeUtf8(segment, false);
            if (".".equals(name) || "..".equals(name)) {
                return violation("path", "dot-segment", "The path may not contain '.' or '..' segments");
            }
        }
        if (raw.contains("//")) {
            return violation("path", "empty-segment", "The path may not contain an empty segment ('//')");
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        for (String encoded : new String[] {"%2f", "%5c", "%3b", "%25", "%2e"}) {
            if (lower.contains(encoded)) {
                return violation("path", "encoded-character",
                        "The path may not encode '/', '\\', ';', '%' or '.' (found " + encoded.toUpperCase(Locale.ROOT)
                                + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> checkQuery(String raw) {
        for (String parameter : raw.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String rawName = equals < 0 ? parameter : parameter.substring(0, equals);
            String rawValue = equals < 0 ? null : parameter.substring(equals + 1);
            Optional<Violation> name = checkName(rawName);
            if (name.isPresent()) {
                return name;
            }
            if (rawValue != null) {
                Optional<Violation> value = checkValue(decodeUtf8(rawName, true), rawValue);
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> checkName(String rawName) {
        if (!wellEscaped(rawName)) {
            return violation("query", "percent-encoding",
                    "Every '%' in the query must start an escape of two hex digits");
        }
        String name = decodeUtf8(rawName, true);
        if (name == null) {
            return violation("query", "percent-encoding", "The query's escapes must spell UTF-8");
        }
        if (!PARAMETER_NAME.matcher(name).matches()) {
            return violation(name.isEmpty() ? "query" : name, "parameter-name",
                    "A query parameter's name may contain only letters, digits, '.', '_', '~' and '-'");
        }
        return Optional.empty();
    }

    private static Optional<Violation> checkValue(String name, String rawValue) {
        if (!wellEscaped(rawValue)) {
            return violation(name, "percent-encoding", "Every '%' must start an escape of two hex digits");
        }
        for (int i = 0; i < rawValue.length(); i++) {
            char c = rawValue.charAt(i);
            if (isControl(c)) {
                return violation(name, "control-character", "A query value may not contain control characters");
            }
            if (c != '%' && c != '/' && c != '?' && !isPathCharacter(c)) {
                return violation(name, "character", unencoded(c, "query"));
            }
        }
        String value = decodeUtf8(rawValue, true);
        if (value == null) {
            return violation(name, "percent-encoding", "The value's escapes must spell UTF-8");
        }
        return checkDecoded(name, value);
    }

    /** Once decoded: no control characters (Spring Security's firewall refuses them), no unassigned code points. */
    private static Optional<Violation> checkDecoded(String field, String decoded) {
        for (int i = 0; i < decoded.length(); ) {
            int codePoint = decoded.codePointAt(i);
            if (Character.isISOControl(codePoint) || codePoint == '\u2028' || codePoint == '\u2029') {
                return violation(field, "control-character",
                        "Control characters are not accepted, encoded or not");
            }
            if (!Character.isDefined(codePoint)) {
                return violation(field, "character", "An escape spells a character that Unicode does not define");
            }
            i += Character.charCount(codePoint);
        }
        return Optional.empty();
    }

    /** RFC 3986 pchar without the escape: unreserved, sub-delims, ':' and '@'. */
    private static boolean isPathCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '@'
                || UNRESERVED_AND_SUB_DELIMS.indexOf(c) >= 0;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F;
    }

    private static boolean wellEscaped(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == '%') {
                if (!escapeAt(raw, i)) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    private static boolean escapeAt(String raw, int percent) {
        return percent + 2 < raw.length() && hex(raw.charAt(percent + 1)) >= 0 && hex(raw.charAt(percent + 2)) >= 0;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /**
     * Decodes the escapes (and, in a query, '+' as a space) and the bytes as strict UTF-8; null if an escape is
     * malformed or the bytes are not UTF-8. Characters that are not escaped are taken as they are.
     */
    static String decodeUtf8(String raw, boolean query) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (!escapeAt(raw, i)) {
                    return null;
                }
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else if (query && c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String unencoded(char c, String part) {
        return c >= 0x21 && c <= 0x7E
                ? "'" + c + "' may not appear unencoded in the " + part
                : "Only ASCII characters may appear unencoded in the " + part;
    }

    private static Optional<Violation> violation(String field, String rule, String message) {
        String shown = field.length() > MAX_FIELD_LENGTH ? field.substring(0, MAX_FIELD_LENGTH) + "…" : field;
        return Optional.of(new Violation(shown, rule, message));
    }
}
