package org.tend.assessment.domain.programme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The codes that let a person into a programme: a practitioner's single-use invitation and the participants'
 * programme-wide enrolment code. A code is 20 symbols of Crockford's base32 (100 random bits), shown as four groups
 * of five ({@code 7K3QD-M9XTR-2HV6B-WN4PZ}) to the administrator once; the service keeps only its SHA-256, so a
 * stored event or read model reveals no usable code. Reading one back forgives case, spaces, hyphens and the letters
 * people confuse with digits (O for 0, I and L for 1).
 */
public final class AccessCodes {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccessCodes() {
    }

    /** A new code, grouped for reading aloud or typing. */
    public static String generate() {
        StringBuilder code = new StringBuilder(LENGTH + 3);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 5 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The code as typed, reduced to its 20 symbols; empty when it cannot be a code at all. */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        StringBuilder symbols = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char symbol = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(symbol) < 0) {
                return Optional.empty();
            }
            symbols.append(symbol);
        }
        return symbols.length() == LENGTH ? Optional.of(symbols.toString()) : Optional.empty();
    }

    /** What the service keeps of a code: the SHA-256 of its normalised symbols, in hex. */
    public static String hash(String normalised) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
