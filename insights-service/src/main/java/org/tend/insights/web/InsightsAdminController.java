package org.tend.insights.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tend.insights.query.InsightsQueries;
import org.tend.plumbing.projection.RebuildService;
import org.tend.plumbing.projection.RebuildStatus;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.web.BadRequestException;
import org.tend.plumbing.web.NotFoundException;
import org.tend.security.Role;

/**
 * The kept events' admin API, shaped like progress-service's: rebuild them from offset 0, follow the rebuild, see
 * what is served. Under {@code /api/insights/} (the prefix the gateway routes here); admins only. Nothing here is
 * about any participant: counts of documents and offsets.
 */
@RestController
@RequestMapping("/api/insights/admin")
public class InsightsAdminController {

    private static final Pattern UUID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private final RebuildService rebuilds;
    private final InsightsQueries queries;

    InsightsAdminController(RebuildService rebuilds, InsightsQueries queries) {
        this.rebuilds = rebuilds;
        this.queries = queries;
    }

    /** 202 with the new rebuild's status and its Location; 409 while another rebuild runs. */
    @PostMapping("/rebuilds")
    public ResponseEntity<RebuildStatus> startRebuild(Caller caller) {
        caller.require(Role.ADMIN);
        RebuildStatus status = rebuilds.start();
        return ResponseEntity.accepted()
                .location(URI.create("/api/insights/admin/rebuilds/" + status.rebuildId()))
                .body(status);
    }

    @GetMapping("/rebuilds/{rebuildId}")
    public RebuildStatus rebuild(@PathVariable("rebuildId") String rebuildId, Caller caller) {
        caller.require(Role.ADMIN);
        if (!UUID.matcher(rebuildId).matches()) {
            throw new BadRequestException("rebuildId", "pattern", "rebuildId must be a lowercase UUID");
        }
        return rebuilds.find(rebuildId)
                .orElseThrow(() -> new NotFoundException("rebuildId", "No rebuild " + rebuildId));
    }

    /** The served generation, the documents of each of its collections, and the rebuild running, if any. */
    @GetMapping("/status")
    public Map<String, Object> status(Caller caller) {
        caller.require(Role.ADMIN);
        int generation = queries.activeGeneration();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("activeGeneration", generation);
        status.putAll(queries.counts(generation));
        status.put("runningRebuild", rebuilds.current().map(RebuildStatus::rebuildId).orElse(null));
        return status;
    }
}
