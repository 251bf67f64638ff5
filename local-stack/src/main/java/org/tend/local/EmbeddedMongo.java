package org.tend.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tend.embeddedstore.IndexingH2Backend;
import org.tend.embeddedstore.IndexingMemoryBackend;

/**
 * A MongoDB-protocol server inside this JVM (mongo-java-server), on 127.0.0.1.
 *
 * <p>Why: no {@code mongod} can be installed on the machines this project is built on, and the services talk
 * to MongoDB only through the real MongoDB Java driver, which speaks the wire protocol that mongo-java-server
 * implements. Production points {@code MONGODB_URI} at a real replica set. Known gaps (engineering notes §10):
 * no multi-document transactions, no change streams, no TTL expiry. Both backends run with the indexes of
 * {@code embedded-store} ({@link IndexingMemoryBackend}, {@link IndexingH2Backend}): mongo-java-server alone ignores
 * every index that is not unique, so a command would cost more the more is stored.
 *
 * <p>Two backends:
 * <ul>
 *   <li>{@link #memory()}: fast, for tests; every {@link #start()} begins empty.</li>
 *   <li>{@link #h2(Path)}: documents kept in an H2 MVStore file, so data survives a stop and start (also of
 *       the whole local stack). It is several times slower than memory (engineering notes §15: about 5–6k bulk
 *       upserts/s); that is expected, not a fault of the caller.</li>
 * </ul>
 * The port is fixed at construction (a free one when 0 is given), so the connection string is known before
 * the server starts and stays the same across restarts.
 *
 * <p>One gap is closed here: mongo-java-server 1.47 answers {@code isMaster} on any database but
 * {@code hello} (its successor since MongoDB 5) on none, and Spring Boot 4's {@code MongoHealthIndicator} sends
 * {@code {hello: 1}} to every database; without this a service's {@code /actuator/health} would stay DOWN
 * against the embedded store. Both backends here answer {@code hello} as {@code isMaster}, plus
 * {@code isWritablePrimary: true}, as a standalone MongoDB does.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    private static final String HOST = "127.0.0.1";

    private final Path h2File;
    private final int port;
    private MongoServer server;

    private EmbeddedMongo(Path h2File, int port) {
        this.h2File = h2File == null ? null : h2File.toAbsolutePath();
        this.port = FreePorts.orFree(port);
    }

    /** In-memory backend on a free port. */
    public static EmbeddedMongo memory() {
        return memory(0);
    }

    /** In-memory backend on {@code port} (0: a free port). */
    public static EmbeddedMongo memory(int port) {
        return new EmbeddedMongo(null, port);
    }

    /** H2 file backend ({@code file}, created if absent) on a free port. */
    public static EmbeddedMongo h2(Path file) {
        return h2(file, 0);
    }

    /** H2 file backend ({@code file}, created if absent) on {@code port} (0: a free port). */
    public static EmbeddedMongo h2(Path file, int port) {
        if (file == null) {
            throw new IllegalArgumentException("the H2 backend needs a file");
        }
        return new EmbeddedMongo(file, port);
    }

    /** Binds the server (a fresh backend each time; the H2 one reopens its file). No-op if running. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        if (!FreePorts.isFree(port)) {
            throw new IllegalStateException("MongoDB port " + port + " on " + HOST
                    + " is taken (a mongod, or an earlier run still alive?)");
        }
        MongoBackend backend;
        if (h2File == null) {
            backend = new HelloMemoryBackend();
        } else {
            try {
                Files.createDirectories(h2File.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + h2File.getParent(), e);
            }
            backend = new HelloH2Backend(h2File.toString());
        }
        MongoServer candidate = new MongoServer(backend);
        try {
            candidate.bind(HOST, port);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        server = candidate;
        log.info("Embedded MongoDB ({}) at {}", h2File == null ? "memory" : "H2 " + h2File, connectionString());
    }

    /** Closes client connections and the backend (the H2 file is committed and closed). Idempotent. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether the server is bound. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code mongodb://127.0.0.1:<port>}; known before {@link #start()}. */
    public String connectionString() {
        return "mongodb://" + HOST + ":" + port;
    }

    /** The port. */
    public int port() {
        return port;
    }

    /** Whether data survives a restart (H2 backend). */
    public boolean isPersistent() {
        return h2File != null;
    }

    /** The H2 file, or null for the memory backend. */
    public Path h2File() {
        return h2File;
    }

    /** The MongoDB 5+ name of {@code isMaster}, with the field that replaced {@code ismaster}. */
    static Document answerHello(Document isMasterAnswer) {
        isMasterAnswer.put("isWritablePrimary", Boolean.TRUE);
        return isMasterAnswer;
    }

    static boolean isHello(String command) {
        return "hello".equalsIgnoreCase(command);
    }

    private static final class HelloMemoryBackend extends IndexingMemoryBackend {
        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            return isHello(command) ? answerHello(super.handleCommand(channel, database, "isMaster", query))
                    : super.handleCommand(channel, database, command, query);
        }
    }

    private static final class HelloH2Backend extends IndexingH2Backend {
        HelloH2Backend(String fileName) {
            super(fileName);
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            return isHello(command) ? answerHello(super.handleCommand(channel, database, "isMaster", query))
                    : super.handleCommand(channel, database, command, query);
        }
    }
}
