package org.tend.plumbing.deadletters;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.security.Role;
import org.tend.plumbing.web.BadRequestException;
import org.tend.plumbing.web.NotFoundException;

/**
 * The service's dead letters, for admins only, under {@code tend.messaging.dead-letters-path} (default
 * {@code /api/admin/dead-letters}; each service sets its own {@code /api/admin/<service>/dead-letters}, so that the
 * gateway can route it).
 * <ul>
 *   <li>{@code GET}: every dead letter, oldest first: where it lies and came from, its type and id, why it failed,
 *       when, and whether it was re-driven. Never the record's data or key.</li>
 *   <li>{@code POST .../redrive} with {@code {"offset": n}} (and {@code "partition"}, default 0) or
 *       {@code {"all": true}}: hands the original record(s) to the service's listener again, after a fix. A letter
 *       re-driven once is not re-driven again.</li>
 * </ul>
 */
@RestController
@RequestMapping("${tend.messaging.dead-letters-path:/api/admin/dead-letters}")
public class DeadLetterController {

    /** What to re-drive: one letter by its offset on the dead-letter topic, or all of them. */
    public record RedriveRequest(Integer partition, Long offset, Boolean all) {
    }

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping
    public Map<String, Object> list() {
        List<DeadLetter> letters = deadLetters.list();
        return Map.of("topic", deadLetters.topic(), "count", letters.size(), "deadLetters", letters);
    }

    @RequiresRole(Role.ADMIN)
    @PostMapping("/redrive")
    public Map<String, Object> redrive(@RequestBody RedriveRequest request, Caller caller) {
        boolean all = Boolean.TRUE.equals(request.all());
        if (all == (request.offset() != null)) {
            throw new BadRequestException("offset", "one-of",
                    "name one dead letter by its offset, or ask for all of them with \"all\": true");
        }
        if (request.offset() != null && request.offset() < 0 || request.partition() != null && request.partition() < 0) {
            throw new BadRequestException("offset", "range", "partition and offset are not negative");
        }
        int partition = request.partition() == null ? 0 : request.partition();
        List<DeadLetters.Redrive> results = deadLetters.redrive(partition, all ? null : request.offset(),
                caller.pseudonym());
        if (!all && results.isEmpty()) {
            throw new NotFoundException("offset", "No dead letter at " + partition + "@" + request.offset()
                    + " of " + deadLetters.topic());
        }
        return Map.of("topic", deadLetters.topic(), "results", results);
    }
}
