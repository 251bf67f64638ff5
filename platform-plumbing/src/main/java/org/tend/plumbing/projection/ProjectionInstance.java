package org.tend.plumbing.projection;

import java.net.InetAddress;
import java.util.UUID;

/**
 * The name this process gives itself when it holds a rebuild's lease: {@code TEND_INSTANCE_ID} if the environment sets
 * it, else host name, process id and a random suffix (so that a restarted process never passes for its predecessor).
 * The one place the projection machinery learns its instance id; when the platform gets a shared instance-id bean,
 * this is what is swapped for it ({@link RebuildService.Coordination#instanceId()} takes any string).
 */
public final class ProjectionInstance {

    private static final String ID = resolve();

    private ProjectionInstance() {
    }

    /** This process's instance id, the same for every call. */
    public static String id() {
        return ID;
    }

    private static String resolve() {
        String configured = System.getenv("TEND_INSTANCE_ID");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        long pid = ProcessHandle.current().pid();
        return host + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
