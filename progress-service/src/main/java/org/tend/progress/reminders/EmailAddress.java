package org.tend.progress.reminders;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule an address a person gives for reminders must meet: one {@code local@domain} address of at most 254
 * characters (a local part of at most 64), a domain of dot-separated labels with a top level of letters, no spaces,
 * quotes, comments or display name. Stricter than RFC 5322 allows, as mail systems are in practice.
 */
public final class EmailAddress {

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN =
            Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    private EmailAddress() {
    }

    /** The address as kept (trimmed, domain in lower case), or empty when it breaks the rule. */
    public static Optional<String> normalised(String given) {
        if (given == null) {
            return Optional.empty();
        }
        String address = given.strip();
        int at = address.lastIndexOf('@');
        if (address.length() > 254 || at <= 0 || at > 64 || at == address.length() - 1) {
            return Optional.empty();
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (!LOCAL.matcher(local).matches() || !DOMAIN.matcher(domain).matches()) {
            return Optional.empty();
        }
        return Optional.of(local + "@" + domain.toLowerCase(Locale.ROOT));
    }

    /** The address as shown back: its first character, then {@code ***}, then the domain ({@code a***@example.org}). */
    public static String masked(String address) {
        int at = address.lastIndexOf('@');
        return address.charAt(0) + "***" + address.substring(at);
    }
}
