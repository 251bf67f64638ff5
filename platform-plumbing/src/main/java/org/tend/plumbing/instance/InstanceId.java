package org.tend.plumbing.instance;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Who this running instance of a service is, among the several that share its database and its consumer groups: the
 * owner written on every lease it holds ({@link Leases}) and on every Axon token it claims. {@code tend.instance.id}
 * ({@code TEND_INSTANCE_ID}) when set, e.g. a Kubernetes pod name; otherwise host name, process id and a short random
 * suffix, so that two instances (two application contexts in one test JVM included) never share one.
 */
public record InstanceId(String value) {

    public InstanceId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an instance id cannot be empty");
        }
    }

    /** The configured id, or one made for this process when the configured one is empty. */
    public static InstanceId of(String configured) {
        return configured == null || configured.isBlank() ? generated() : new InstanceId(configured.strip());
    }

    /** host, pid and 6 random hex digits, e.g. {@code node-3:4182:9f31c2}. */
    public static InstanceId generated() {
        return new InstanceId(hostName() + ":" + ProcessHandle.current().pid() + ":"
                + UUID.randomUUID().toString().substring(0, 6));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
            int at = runtime.indexOf('@');
            return at >= 0 ? runtime.substring(at + 1) : "unknown-host";
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
