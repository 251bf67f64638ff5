package org.tend.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the broker's child JVM: formats the storage when asked to, guards against an orphaned
 * broker, then runs {@code kafka.Kafka}.
 *
 * <p>Why the format happens here: formatting with {@code kafka.tools.StorageTool} in a JVM of its own would
 * cost a second JVM start (Scala and Kafka classes loaded twice) on every first start; the broker JVM loads
 * those classes anyway. {@link KafkaBroker} asks for it (system property {@value #FORMAT_CLUSTER_ID_PROPERTY})
 * only when the log directory has no {@code meta.properties}, and {@code --ignore-formatted} makes it a no-op
 * on an already formatted directory in any case. The format also writes the SCRAM credentials of the broker and
 * the admin ({@code --add-scram}), read from {@link KafkaCredentials} beside {@code server.properties} rather than
 * from a system property, which any user could read in the process list.
 *
 * <p>Why the guard: {@link ChildJvm} stops its children from a shutdown hook, but a launcher killed with
 * SIGKILL (an IDE's stop button, a CI timeout) runs no hook, and an orphaned broker would keep holding its
 * port and the lock on its data directory, so the next run would fail. The launcher passes its pid as
 * {@value #PARENT_PID_PROPERTY}; when that process exits, this JVM exits normally, which runs Kafka's own
 * shutdown hook (a clean, controlled shutdown).
 */
public final class KafkaBrokerMain {

    /** System property carrying the pid of the launching JVM. */
    public static final String PARENT_PID_PROPERTY = "tend.parent.pid";
    /** System property carrying the cluster id to format the storage with, when it is not formatted yet. */
    public static final String FORMAT_CLUSTER_ID_PROPERTY = "tend.format.cluster.id";
    /** System property naming the directory of {@link KafkaCredentials} (default: beside server.properties). */
    public static final String CREDENTIALS_DIR_PROPERTY = "tend.credentials.dir";

    private KafkaBrokerMain() {
    }

    /** @param args the path of the broker's {@code server.properties}, as for {@code kafka.Kafka} */
    public static void main(String[] args) {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: KafkaBrokerMain <server.properties>");
            System.exit(2);
        }
        guardParent(System.getProperty(PARENT_PID_PROPERTY));
        String clusterId = System.getProperty(FORMAT_CLUSTER_ID_PROPERTY);
        if (clusterId != null && !clusterId.isBlank()) {
            String credentialsDir = System.getProperty(CREDENTIALS_DIR_PROPERTY);
            KafkaCredentials credentials = KafkaCredentials.in(credentialsDir != null && !credentialsDir.isBlank()
                    ? Path.of(credentialsDir) : Path.of(args[0]).toAbsolutePath().getParent());
            List<String> format = new ArrayList<>(List.of("format", "--ignore-formatted", "-t", clusterId.trim(),
                    "-c", args[0]));
            for (String user : List.of(TopicAccess.BROKER, TopicAccess.ADMIN)) {
                format.add("--add-scram");
                format.add(KafkaLogin.SASL_MECHANISM + "=[name=" + user + ",password=" + credentials.password(user)
                        + "]");
            }
            int exit = kafka.tools.StorageTool.execute(format.toArray(String[]::new), System.out);
            if (exit != 0) {
                System.err.println("tend: formatting the Kafka storage failed (exit " + exit + ")");
                System.exit(exit);
            }
        }
        kafka.Kafka.main(args);
    }

    private static void guardParent(String parentPid) {
        if (parentPid == null || parentPid.isBlank()) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parentPid.trim())).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    System.err.println("tend: launcher (pid " + parentPid + ") is gone; stopping the broker");
                    System.exit(0);
                }),
                () -> {
                    System.err.println("tend: launcher (pid " + parentPid + ") is not running; not starting");
                    System.exit(2);
                });
    }
}
