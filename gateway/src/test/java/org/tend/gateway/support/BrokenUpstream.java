package org.tend.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An upstream that fails at the TCP level, which a JDK {@code HttpServer} cannot do: it reads the request head, then
 * misbehaves as the request path's last segment says.
 * <ul>
 *   <li>{@code reset}: closes the socket with an RST (SO_LINGER 0) without answering;</li>
 *   <li>{@code close}: closes the socket normally (FIN) without answering;</li>
 *   <li>{@code truncated-head}: sends half a status line and headers, then closes;</li>
 *   <li>{@code truncated-body}: sends a complete head announcing 100 bytes, 10 of them, then closes;</li>
 *   <li>{@code silent}: keeps the connection open and never answers (until the stub is closed).</li>
 * </ul>
 */
public final class BrokenUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    private BrokenUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(this::acceptLoop);
    }

    public static BrokenUpstream start() {
        try {
            return new BrokenUpstream();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the broken upstream", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        executor.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                executor.execute(() -> misbehave(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void misbehave(Socket socket) {
        try (socket) {
            String path = requestPath(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            if (path.endsWith("/reset")) {
                socket.setSoLinger(true, 0);
            } else if (path.endsWith("/truncated-head")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/js".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } else if (path.endsWith("/truncated-body")) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                        + "{\"partial\"").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                pause();
            } else if (path.endsWith("/silent")) {
                InputStream rest = socket.getInputStream(); // the body, then nothing until the client gives up
                while (rest.read() != -1) {
                    // reading on, answering nothing
                }
            }
        } catch (IOException ignored) {
            // the point of this stub is a broken connection
        }
    }

    /** Reads up to the end of the request head and returns the request line's target. */
    private static String requestPath(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < end.length && (b = in.read()) != -1) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] requestLine = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0].split(" ");
        return requestLine.length > 1 ? requestLine[1] : "";
    }

    /** Lets the partial answer reach the gateway before the close does. */
    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
