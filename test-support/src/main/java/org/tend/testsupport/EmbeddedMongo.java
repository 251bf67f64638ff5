package org.tend.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.tend.embeddedstore.IndexingMemoryBackend;

/**
 * A mongo-java-server (memory backend) shared by every test of the JVM, spoken to by the real MongoDB driver, with
 * the same indexes as the local stack ({@link IndexingMemoryBackend}), so tests run the queries the way local runs do.
 * As a context initializer it points the service at it, with a fresh database per application context, and at the
 * test issuer ({@link TestTokens}) under the local profile.
 */
public final class EmbeddedMongo implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static MongoServer server;

    public static synchronized String connectionString() {
        if (server == null) {
            server = new MongoServer(new IndexingMemoryBackend());
            InetSocketAddress address = server.bind();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
            return "mongodb://127.0.0.1:" + address.getPort();
        }
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        // Tests are development: the local profile allows the test issuer's http:// address.
        context.getEnvironment().addActiveProfile("local");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embeddedMongo", java.util.Map.of(
                "spring.mongodb.uri", connectionString(),
                "tend.mongodb.database", "test-" + UUID.randomUUID().toString().substring(0, 8),
                "tend.pseudonym.key", "test-pseudonym-key-0123456789abcdefghijkl",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", TestTokens.ISSUER,
                "tend.jwt.audience", TestTokens.AUDIENCE)));
    }
}
