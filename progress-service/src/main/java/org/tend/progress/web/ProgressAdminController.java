package org.tend.progress.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tend.plumbing.projection.ProjectionAdminEndpoints;
import org.tend.plumbing.projection.RebuildService;
import org.tend.progress.query.JourneyQueries;
import org.tend.progress.query.ProjectionNames;

/**
 * The projection's admin API (the plumbing's {@link ProjectionAdminEndpoints}): rebuild it from the log, follow the
 * rebuild, see what is served. Admins only.
 */
@RestController
@RequestMapping(ProgressAdminController.PATH)
public class ProgressAdminController extends ProjectionAdminEndpoints {

    static final String PATH = "/api/admin/progress";

    private final JourneyQueries queries;

    public ProgressAdminController(RebuildService rebuilds, JourneyQueries queries) {
        super(rebuilds, PATH);
        this.queries = queries;
    }

    @Override
    protected int activeGeneration() {
        return queries.activeGeneration();
    }

    @Override
    protected Map<String, Long> counts(int generation) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("journeys", queries.countJourneys(generation));
        counts.put("interventions", queries.count(ProjectionNames.interventions(generation)));
        counts.put("programmes", queries.count(ProjectionNames.programmes(generation)));
        return counts;
    }
}
