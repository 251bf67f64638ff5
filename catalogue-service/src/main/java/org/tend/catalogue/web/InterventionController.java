package org.tend.catalogue.web;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tend.catalogue.domain.Format;
import org.tend.catalogue.domain.Intervention;
import org.tend.catalogue.domain.SteppedCareLevel;
import org.tend.catalogue.query.InterventionDirectory;
import org.tend.catalogue.query.InterventionView;
import org.tend.plumbing.audit.ReferenceData;
import org.tend.plumbing.security.RequiresRole;
import org.tend.security.Role;
import org.tend.plumbing.web.BadRequestException;
import org.tend.plumbing.web.NotFoundException;

/**
 * The catalogue, for participants choosing, practitioners advising and admins configuring programmes. HR is refused
 * (403), as on every endpoint of a service that holds individual data. The same for everyone, so a practitioner's reads
 * are not audited ({@link ReferenceData}); an admin's are.
 */
@RestController
@ReferenceData
@RequestMapping("/api/interventions")
public class InterventionController {


    private final InterventionDirectory directory;

    public InterventionController(InterventionDirectory directory) {
        this.directory = directory;
    }

    public record InterventionList(int count, List<InterventionView> interventions) {
    }

    @RequiresRole({Role.PARTICIPANT, Role.PRACTITIONER, Role.ADMIN})
    @GetMapping
    public InterventionList list(@RequestParam(required = false) String format,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String target) {
        InterventionDirectory.Filter filter = new InterventionDirectory.Filter(checkedFormat(format),
                checkedLevel(level), checkedTarget(target));
        List<InterventionView> interventions = directory.list(filter);
        return new InterventionList(interventions.size(), interventions);
    }

    @RequiresRole({Role.PARTICIPANT, Role.PRACTITIONER, Role.ADMIN})
    @GetMapping("/{interventionId}")
    public InterventionView read(@PathVariable String interventionId) {
        return directory.find(interventionId).orElseThrow(() -> new NotFoundException("interventionId",
                "The catalogue has no intervention '" + interventionId + "'"));
    }

    private static String checkedFormat(String format) {
        if (format == null) {
            return null;
        }
        if (Format.fromCode(format).isEmpty()) {
            throw new BadRequestException("format", "enum", "format must be one of "
                    + Arrays.stream(Format.values()).map(Format::code).toList());
        }
        return format;
    }

    private static String checkedLevel(String level) {
        if (level == null) {
            return null;
        }
        List<String> steps = SteppedCareLevel.stepsOfCare().stream().map(SteppedCareLevel::code).toList();
        if (!steps.contains(level)) {
            throw new BadRequestException("level", "enum", "level must be one of " + steps);
        }
        return level;
    }

    private String checkedTarget(String target) {
        if (target == null) {
            return null;
        }
        if (!Intervention.SLUG.matcher(target).matches()) {
            throw new BadRequestException("target", "pattern",
                    "target must be a slug: lowercase words joined by hyphens, e.g. 'anxiety'");
        }
        Set<String> known = directory.targets();
        if (!known.contains(target)) {
            throw new BadRequestException("target", "unknown", "No intervention targets '" + target
                    + "'; known targets: " + known);
        }
        return target;
    }
}
