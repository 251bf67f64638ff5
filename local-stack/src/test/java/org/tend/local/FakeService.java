package org.tend.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a service's exec jar in tests, so that {@link ServiceProcess} and {@link LocalStack} can be
 * tested before (and independently of) the real services: it listens on {@code SERVER_PORT}, answers
 * {@code /actuator/health} with {@code {"status":"UP"}} and {@code /env} with the Tend variables it was given.
 * With {@code FAKE_FAIL=1} it exits at once; with {@code FAKE_HEALTH=DOWN} it reports DOWN.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws IOException {
        if ("1".equals(System.getenv("FAKE_FAIL"))) {
            System.out.println("fake service: failing on purpose");
            System.exit(3);
        }
        int port = Integer.parseInt(System.getenv("SERVER_PORT"));
        String status = System.getenv().getOrDefault("FAKE_HEALTH", "UP");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/actuator/health", exchange -> send(exchange, "{\"status\":\"" + status + "\"}"));
        server.createContext("/env", exchange -> {
            Map<String, String> tend = new TreeMap<>();
            System.getenv().forEach((k, v) -> {
                if (k.startsWith("TEND_") || k.startsWith("KAFKA_") || k.startsWith("MONGODB_") || k.equals("SERVER_PORT")) {
                    tend.put(k, v);
                }
            });
            send(exchange, tend.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n")));
        });
        server.start();
        System.out.println("fake service up on " + port);
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Writes a jar whose manifest runs this class with the test classpath (for {@code java -jar}). */
    static Path jar(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String classes = FakeService.class.getProtectionDomain().getCodeSource().getLocation().toString();
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes);
        Files.createDirectories(dir);
        Path jar = dir.resolve("fake-service-exec.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }
}
