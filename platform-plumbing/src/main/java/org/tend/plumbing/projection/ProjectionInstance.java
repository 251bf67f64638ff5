package org.tend.plumbing.projection;

import org.tend.plumbing.instance.InstanceId;

/**
 * The instance id the projection machinery uses where no {@link InstanceId} bean is at hand (a service's configuration
 * passes its bean's value to {@link RebuildService.Coordination}): {@code TEND_INSTANCE_ID}, or one made for this
 * process by {@link InstanceId#of}.
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
        return InstanceId.of(System.getenv("TEND_INSTANCE_ID")).value();
    }
}
