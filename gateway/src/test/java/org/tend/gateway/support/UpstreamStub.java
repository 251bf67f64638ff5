package org.tend.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for one service (or for the token issuer): a JDK {@link HttpServer} on a free port that answers every
 * request with JSON naming itself and echoing the method, path, query, headers and body size it received, and
 * remembers the request. A request with {@code X-Stub-Delay-Ms} is answered that late; {@link #serve} pins a fixed
 * body to a path (and counts how often it is asked for).
 */
public final class UpstreamStub implements AutoCloseable {

    public record Received(String method, String path, String query, Map<String, String> headers) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> every = new CopyOnWriteArrayList<>();
    private final Map<String, String> fixed = new ConcurrentHashMap<>();
    private final Map<String, Integer> servedCounts = new ConcurrentHashMap<>();

    private UpstreamStub(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static UpstreamStub start(String name) {
        try {
            return new UpstreamStub(name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start stub " + name, e);
        }
    }

    /** A URL on which nothing listens: the port was free a moment ago and is closed again. */
    public static String deadUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public UpstreamStub serve(String path, String jsonBody) {
        fixed.put(path, jsonBody);
        return this;
    }

    /** How often a path pinned by {@link #serve} was asked for. */
    public int served(String path) {
        return servedCounts.getOrDefault(path, 0);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Every request, those answered from a pinned body ({@link #serve}) included. */
    public List<Received> requests() {
        return List.copyOf(every);
    }

    public boolean receivedPath(String path) {
        return received.stream().anyMatch(r -> r.path().equals(path));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            int bodyBytes = exchange.getRequestBody().readAllBytes().length;
            String path = exchange.getRequestURI().getRawPath();
            String body = fixed.get(path);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((header, values) ->
                    headers.put(header.toLowerCase(Locale.ROOT), String.join(",", values)));
            String query = exchange.getRequestURI().getRawQuery();
            every.add(new Received(exchange.getRequestMethod(), path, query, headers));
            if (body != null) {
                servedCounts.merge(path, 1, Integer::sum);
            } else {
                received.add(new Received(exchange.getRequestMethod(), path, query, headers));
                delay(headers.get("x-stub-delay-ms"));
                body = JSON.writeValueAsString(Map.of(
                        "upstream", name,
                        "method", exchange.getRequestMethod(),
                        "path", path,
                        "query", query == null ? "" : query,
                        "bodyBytes", bodyBytes,
                        "authorization", headers.getOrDefault("authorization", ""),
                        "headers", headers));
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } finally {
            exchange.close();
        }
    }

    private static void delay(String millis) {
        if (millis == null) {
            return;
        }
        try {
            Thread.sleep(Long.parseLong(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
