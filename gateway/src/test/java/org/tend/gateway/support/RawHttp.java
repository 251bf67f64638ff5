package org.tend.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what every HTTP client refuses to send: a request target exactly as written
 * ({@code %ZZ}, raw brackets) or a chunked body of a chosen size. One request per connection.
 */
public final class RawHttp {

    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** Sends {@code method target} with the given headers and no body (Content-Length 0 unless they set one). */
    public static Response send(int port, String method, String target, Map<String, String> headers) {
        Map<String, String> framing = headers.keySet().stream().anyMatch("Content-Length"::equalsIgnoreCase)
                ? Map.of() : Map.of("Content-Length", "0");
        return exchange(port, head(method, target, headers, framing), out -> { });
    }

    /** Sends {@code bodyBytes} bytes of {@code x} with their Content-Length. */
    public static Response sendWithLength(int port, String method, String target, Map<String, String> headers,
                                          int bodyBytes) {
        return exchange(port, head(method, target, headers, Map.of("Content-Length", String.valueOf(bodyBytes))),
                out -> out.write("x".repeat(bodyBytes).getBytes(StandardCharsets.US_ASCII)));
    }

    /** Sends {@code bodyBytes} bytes of {@code x} as chunks of at most 8 KiB, without a Content-Length. */
    public static Response sendChunked(int port, String method, String target, Map<String, String> headers,
                                       int bodyBytes) {
        return exchange(port, head(method, target, headers, Map.of("Transfer-Encoding", "chunked")), out -> {
            byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            for (int left = bodyBytes; left > 0; left -= chunk.length) {
                int size = Math.min(left, chunk.length);
                out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk, 0, size);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static String head(String method, String target, Map<String, String> headers,
                               Map<String, String> framing) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        framing.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString();
    }

    private static Response exchange(int port, String head, Body body) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            try {
                body.write(out);
                out.flush();
            } catch (IOException e) {
                // The gateway may answer and close before the whole body is sent: its answer is still there to read.
            }
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("raw HTTP exchange failed", e);
        }
    }

    /** Reads one response: the head, then a body framed by Content-Length, by chunks, or by the close. */
    private static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < end.length && (b = in.read()) != -1) {
            headBytes.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String head = headBytes.toString(StandardCharsets.ISO_8859_1);
        if (matched < end.length) {
            throw new IOException("no complete response head in: " + head);
        }
        String[] lines = head.substring(0, head.length() - 4).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(in);
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in).trim(), 16);
            if (size == 0) {
                line(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
