package org.tend.plumbing.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives the pseudonymous id of a person from their login subject: {@code p_} followed by 26 base32
 * characters (130 bits) of HMAC-SHA256(key, subject). Every service holds the same key and so derives the
 * same id without a lookup; the subject itself never leaves the service that received the token.
 */
public final class Pseudonymizer {

    public static final Pattern PSEUDONYM = Pattern.compile("^p_[a-z2-7]{26}$");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int MIN_KEY_LENGTH = 32;

    private final SecretKeySpec key;

    public Pseudonymizer(String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("TEND_PSEUDONYM_KEY must be set to at least " + MIN_KEY_LENGTH
                    + " characters: it keys the pseudonymous participant ids");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String pseudonymFor(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject is blank");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
            return "p_" + base32(digest, 26);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * A fingerprint of the key, safe to publish: the first 16 hex characters of HMAC-SHA256(key, a fixed label).
     * Services that show the same fingerprint derive the same pseudonyms; the key cannot be recovered from it.
     */
    public String keyFingerprint() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return java.util.HexFormat.of().formatHex(mac.doFinal(
                    "tend-pseudonym-key-fingerprint".getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static boolean isPseudonym(String value) {
        return value != null && PSEUDONYM.matcher(value).matches();
    }

    private static String base32(byte[] bytes, int chars) {
        StringBuilder out = new StringBuilder(chars);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5 && out.length() < chars) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
            if (out.length() == chars) {
                break;
            }
        }
        return out.toString();
    }
}
