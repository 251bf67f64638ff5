package org.tend.insights.web;

import java.util.Map;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tend.insights.query.InsightsQueries;
import org.tend.plumbing.projection.ProjectionAdminEndpoints;
import org.tend.plumbing.projection.RebuildService;

/**
 * The kept events' admin API (the plumbing's {@link ProjectionAdminEndpoints}, as progress-service has it): rebuild
 * them from offset 0, follow the rebuild, see what is served. Under {@code /api/insights/} (the prefix the gateway
 * routes here); admins only. Nothing here is about any participant: counts of documents and offsets.
 */
@RestController
@RequestMapping(InsightsAdminController.PATH)
public class InsightsAdminController extends ProjectionAdminEndpoints {

    static final String PATH = "/api/insights/admin";

    private final InsightsQueries queries;

    InsightsAdminController(RebuildService rebuilds, InsightsQueries queries) {
        super(rebuilds, PATH);
        this.queries = queries;
    }

    @Override
    protected int activeGeneration() {
        return queries.activeGeneration();
    }

    @Override
    protected Map<String, Long> counts(int generation) {
        return queries.counts(generation);
    }
}
