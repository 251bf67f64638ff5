package org.tend.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds free TCP ports on the loopback interface.
 *
 * <p>Why: tests and the benchmark run the whole stack next to whatever else is on the machine (another
 * test run, a developer's {@code run-local.sh}), so they must not rely on the default ports. The port is
 * picked up front (rather than binding to port 0) because the address of each part has to be known before
 * it starts: the services are given the broker's and the issuer's addresses in their environment, and a
 * restarted broker must come back on the same port so that running clients reconnect. There is a small
 * window in which another process could take the port; a port handed out once is never handed out again
 * by this JVM, so two parts of one stack never collide.
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** A port that was free on 127.0.0.1 a moment ago and that this JVM has not handed out before. */
    public static synchronized int find() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("no free port found on 127.0.0.1 after 50 attempts");
    }

    /** Whether nothing listens on {@code port} of 127.0.0.1 right now (so it can be bound). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code port} itself, or a free one when it is 0. */
    static int orFree(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port == 0 ? find() : port;
    }
}
