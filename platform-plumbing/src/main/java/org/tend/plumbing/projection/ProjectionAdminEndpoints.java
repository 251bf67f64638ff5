package org.tend.plumbing.projection;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.BadRequestException;
import org.tend.plumbing.web.NotFoundException;
import org.tend.security.Role;

/**
 * A rebuildable projection's admin API, the same for every service that has one: start a rebuild from offset 0
 * ({@code POST <path>/rebuilds}: 202 with the status and its Location; 409 while another runs, on any instance),
 * follow it ({@code GET <path>/rebuilds/{id}}, read from the store: any instance answers the same), and see what is
 * served ({@code GET <path>/status}: the active generation, the
 * documents of each collection, the running rebuild). Admins only; nothing in it is about a participant.
 *
 * <p>A service's controller extends it with {@code @RestController} and its own {@code @RequestMapping(path)}, and
 * says how to read its generation and counts.
 */
public abstract class ProjectionAdminEndpoints {

    private static final Pattern UUID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private final RebuildService rebuilds;
    private final String path;

    /**
     * @param rebuilds the service's rebuild mechanism
     * @param path     the controller's own mapping (e.g. {@code /api/admin/progress}), for the Location header
     */
    protected ProjectionAdminEndpoints(RebuildService rebuilds, String path) {
        this.rebuilds = rebuilds;
        this.path = path;
    }

    /** The generation reads are answered from. */
    protected abstract int activeGeneration();

    /** The documents of each of the generation's collections, in the order the status shows them. */
    protected abstract Map<String, Long> counts(int generation);

    @RequiresRole(Role.ADMIN)
    @PostMapping("/rebuilds")
    public ResponseEntity<RebuildStatus> startRebuild() {
        RebuildStatus status = rebuilds.start();
        return ResponseEntity.accepted().location(URI.create(path + "/rebuilds/" + status.rebuildId())).body(status);
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping("/rebuilds/{rebuildId}")
    public RebuildStatus rebuild(@PathVariable("rebuildId") String rebuildId) {
        if (!UUID.matcher(rebuildId).matches()) {
            throw new BadRequestException("rebuildId", "pattern", "rebuildId must be a lowercase UUID");
        }
        return rebuilds.find(rebuildId)
                .orElseThrow(() -> new NotFoundException("rebuildId", "No rebuild " + rebuildId));
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping("/status")
    public Map<String, Object> status() {
        int generation = activeGeneration();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("activeGeneration", generation);
        status.putAll(counts(generation));
        status.put("runningRebuild", rebuilds.current().map(RebuildStatus::rebuildId).orElse(null));
        return status;
    }
}
