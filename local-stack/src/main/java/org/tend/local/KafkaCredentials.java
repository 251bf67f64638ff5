package org.tend.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Properties;

/**
 * The local broker's SASL/SCRAM passwords, one per principal, in {@code credentials.properties} in the broker's
 * data directory (readable by its owner only).
 *
 * <p>Why generated and kept there: no password is committed, each data directory has its own, and they live
 * and die with the broker storage that holds their SCRAM hashes. A principal without a password gets one the
 * first time it is asked for, and the file is rewritten.
 */
public final class KafkaCredentials {

    static final String FILE_NAME = "credentials.properties";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private Properties passwords;

    private KafkaCredentials(Path file) {
        this.file = file;
    }

    /** The credentials kept in {@code dir} (nothing is read or written before the first call that needs it). */
    public static KafkaCredentials in(Path dir) {
        return new KafkaCredentials(dir.toAbsolutePath().resolve(FILE_NAME));
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Whether the file exists. */
    public boolean exist() {
        return Files.isRegularFile(file);
    }

    /** The password of {@code user}, generated and saved if it has none yet. */
    public synchronized String password(String user) {
        ensure(java.util.List.of(user));
        return passwords.getProperty(user);
    }

    /** Generates and saves a password for each of {@code users} that has none. */
    public synchronized void ensure(Collection<String> users) {
        if (passwords == null) {
            passwords = load();
        }
        boolean changed = false;
        for (String user : users) {
            if (passwords.getProperty(user, "").isEmpty()) {
                passwords.setProperty(user, generate());
                changed = true;
            }
        }
        if (changed) {
            save();
        }
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return p;
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.deleteIfExists(tmp);
            ownerOnly(Files.createFile(tmp));
            try (OutputStream out = Files.newOutputStream(tmp)) {
                passwords.store(out, "SASL/SCRAM passwords of the local Kafka broker's principals. Never commit.");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Restricts a file that holds a password to its owner, where the file system has POSIX permissions. */
    static Path ownerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile directory already limits access.
        }
        return path;
    }

    private static String generate() {
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
