package org.tend.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests that ordinary clients refuse to send or quietly repair: a request
 * target with raw brackets or a broken percent-encoding, a chunked body without Content-Length. One request per
 * connection ({@code Connection: close}); the answer is read to the end of the stream.
 */
public final class RawHttp {

    /** What came back: the status, the header fields (names lower-cased; the last of repeated ones) and the body. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String contentType() {
            return header("content-type");
        }
    }

    private RawHttp() {
    }

    /** A request without a body: {@code target} is sent exactly as given. */
    public static Reply send(int port, String method, String target, Map<String, String> headers) {
        return send(port, method, target, headers, null, false);
    }

    /**
     * @param body    sent as is, or nothing when null
     * @param chunked whether to send the body in chunks of 8 KiB with {@code Transfer-Encoding: chunked} and no
     *                Content-Length (otherwise Content-Length is set)
     */
    public static Reply send(int port, String method, String target, Map<String, String> headers, byte[] body,
                             boolean chunked) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    writeBody(out, body, chunked);
                } catch (IOException e) {
                    // The server may answer and close before it has read everything (a 413): read what it said.
                }
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBody(OutputStream out, byte[] body, boolean chunked) throws IOException {
        if (!chunked) {
            out.write(body);
            return;
        }
        for (int from = 0; from < body.length; from += 8192) {
            int length = Math.min(8192, body.length - from);
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, from, length);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Reads the answer as far as its framing says (Content-Length, the last chunk, or the end of the stream), so a
     * server that answers before reading the whole request (and would wait for the rest) is not waited for.
     */
    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        Map<String, String> headers = new LinkedHashMap<>();
        int status = 0;
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
                String text = all.toString(StandardCharsets.ISO_8859_1);
                if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
                    String[] lines = text.substring(0, headEnd).split("\r\n");
                    status = Integer.parseInt(lines[0].split(" ")[1]);
                    for (int i = 1; i < lines.length; i++) {
                        int colon = lines[i].indexOf(':');
                        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                lines[i].substring(colon + 1).trim());
                    }
                }
                if (headEnd >= 0 && complete(headers, all.size() - headEnd - 4, text)) {
                    break;
                }
            }
        } catch (IOException e) {
            if (headEnd < 0) {
                throw e;
            }
            // A reset after the answer (the server closed without reading the rest of the body): keep the answer.
        }
        if (headEnd < 0) {
            throw new IOException("no complete HTTP answer: " + all.toString(StandardCharsets.ISO_8859_1));
        }
        byte[] raw = all.toByteArray();
        byte[] rest = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        String body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))
                ? dechunk(rest) : new String(rest, StandardCharsets.UTF_8);
        return new Reply(status, headers, body);
    }

    private static boolean complete(Map<String, String> headers, int bodyBytes, String text) {
        if (headers.containsKey("content-length")) {
            return bodyBytes >= Integer.parseInt(headers.get("content-length"));
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return text.endsWith("\r\n0\r\n\r\n") || text.endsWith("\r\n\r\n0\r\n\r\n");
        }
        return false;
    }

    private static String dechunk(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < raw.length) {
            int lineEnd = indexOf(raw, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(raw, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(raw, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] raw, int from) {
        for (int i = from; i + 1 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
