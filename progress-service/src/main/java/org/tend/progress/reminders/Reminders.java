package org.tend.progress.reminders;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.scheduling.annotation.Scheduled;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.instance.LeasedJob;
import org.tend.plumbing.instance.Leases;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.outbox.EventOutbox;
import org.tend.plumbing.outbox.OutboxEntry;
import org.tend.plumbing.web.UnavailableException;
import org.tend.progress.domain.Journey;
import org.tend.progress.domain.ReassessmentSchedule;
import org.tend.progress.domain.review.ReviewList;
import org.tend.progress.query.JourneyQueries;
import org.tend.progress.query.JourneyViews;

/**
 * What the re-assessment schedule makes due, acted on every sweep: each measure that falls due is published once as
 * {@code reassessment-due}; a participant who opted in gets at most one reminder a day while something is due that
 * they were not reminded of; a practitioner who opted in gets at most one digest a day when any of their participants
 * has an overdue review or check-in, or a safety alert of their programmes is overdue. Every send is claimed first by a marker (see {@link ReminderAddresses#claim}),
 * so several instances sweeping at once send each mail once; a mail the SMTP server refuses gives its claims back.
 * The scheduled sweep itself runs on one instance at a time (the lease {@value #JOB}): the markers keep a mail from
 * going out twice, the lease keeps two instances from reading every journey twice to find that out.
 */
public class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);
    private static final int PAGE = 200;
    /** The lease that gives the scheduled sweep to one instance. */
    public static final String JOB = "reminders";

    private final JourneyQueries queries;
    private final JourneyViews views;
    private final ReminderAddresses addresses;
    private final ReminderMail mail;
    private final EventOutbox outbox;
    private final AlertCounts alertCounts;
    private final Clock clock;
    private final LeasedJob job;

    public Reminders(JourneyQueries queries, JourneyViews views, ReminderAddresses addresses, ReminderMail mail,
                     EventOutbox outbox, AlertCounts alertCounts, Clock clock, LeasedJob job) {
        this.job = job;
        this.alertCounts = alertCounts;
        this.queries = queries;
        this.views = views;
        this.addresses = addresses;
        this.mail = mail;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What a sweep did. */
    public record Summary(int published, int reminded, int digests) {
    }

    @Scheduled(initialDelayString = "${tend.reminders.sweep-interval:PT15M}",
            fixedDelayString = "${tend.reminders.sweep-interval:PT15M}")
    public void scheduled() {
        try {
            job.run(() -> {
                Summary summary = sweep();
                if (summary.published() + summary.reminded() + summary.digests() > 0) {
                    log.info("reminders: {} re-assessments fell due, {} reminders and {} digests sent",
                            summary.published(), summary.reminded(), summary.digests());
                }
            });
        } catch (UnavailableException e) {
            log.info("reminders: journeys unavailable while the projection is rebuilt; next sweep tries again");
        }
    }

    public Summary sweep() {
        Instant now = clock.instant();
        int generation = queries.readableGeneration();
        return new Summary(publishDue(generation, now), remindParticipants(generation, now),
                digestPractitioners(generation, now));
    }

    private int publishDue(int generation, Instant now) {
        int published = 0;
        for (List<String> page = queries.participantIds(generation, null, PAGE); !page.isEmpty();
             page = queries.participantIds(generation, page.get(page.size() - 1), PAGE)) {
            // Put first, then mark: the outbox keeps an id once (the id is derived from the marker), so a sweep cut
            // short between the two puts the same entry again and loses none.
            Map<String, OutboxEntry> entries = new LinkedHashMap<>();
            Map<String, String> about = new LinkedHashMap<>();
            for (Journey journey : views.buildAll(generation, queries.findAll(generation, page), now)) {
                for (ReassessmentSchedule.Due due : waiting(journey)) {
                    String marker = "due|" + journey.participantId() + "|" + due.measure() + "|" + due.dueAt();
                    if (!addresses.claimed(marker)) {
                        entries.put(marker, dueEntry(marker, journey.participantId(), due));
                        about.put(marker, journey.participantId());
                    }
                }
            }
            outbox.put(entries.values());
            entries.keySet().forEach(marker -> addresses.claim(marker, about.get(marker), now));
            published += entries.size();
        }
        return published;
    }

    private int remindParticipants(int generation, Instant now) {
        int reminded = 0;
        String day = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        for (List<String> page = addresses.optedIn(null, PAGE); !page.isEmpty();
             page = addresses.optedIn(page.get(page.size() - 1), PAGE)) {
            for (Journey journey : views.buildAll(generation, queries.findAll(generation, page), now)) {
                List<String> claimed = new ArrayList<>();
                for (ReassessmentSchedule.Due due : waiting(journey)) {
                    String marker = "remind|" + journey.participantId() + "|" + due.measure() + "|" + due.dueAt();
                    if (addresses.claim(marker, journey.participantId(), now)) {
                        claimed.add(marker);
                    }
                }
                if (claimed.isEmpty()) {
                    continue;
                }
                String daily = "remind-day|" + journey.participantId() + "|" + day;
                Optional<String> address = addresses.addressOf(journey.participantId());
                if (address.isEmpty() || !addresses.claim(daily, journey.participantId(), now)) {
                    claimed.forEach(addresses::release); // reminded today already: tomorrow's sweep reminds them
                    continue;
                }
                if (send(() -> mail.checkIn(address.get()))) {
                    reminded++;
                } else {
                    claimed.forEach(addresses::release);
                    addresses.release(daily);
                }
            }
        }
        return reminded;
    }

    private int digestPractitioners(int generation, Instant now) {
        int digests = 0;
        String day = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        for (List<String> page = addresses.practitioners(null, PAGE); !page.isEmpty();
             page = addresses.practitioners(page.get(page.size() - 1), PAGE)) {
            for (String practitionerId : page) {
                String marker = "digest|" + practitionerId + "|" + day;
                if (addresses.claimed(marker)) {
                    continue; // today's digest went out
                }
                java.util.Set<String> programmes = queries.programmesAssignedTo(generation, practitionerId);
                List<Journey> caseload = views.buildAll(generation, queries.journeysIn(generation, programmes), now);
                long waiting = ReviewList.of(caseload, now).participants().stream()
                        .filter(entry -> entry.overdue() || entry.due().stream()
                                .anyMatch(ReassessmentSchedule.Due::isOverdue))
                        .count();
                int alerts = alertCounts.overdueIn(programmes);
                if (waiting + alerts == 0 || !addresses.claim(marker, practitionerId, now)) {
                    continue;
                }
                Optional<String> address = addresses.practitionerAddress(practitionerId);
                if (address.isPresent() && send(() -> mail.digest(address.get(), (int) waiting, alerts))) {
                    digests++;
                } else {
                    addresses.release(marker);
                }
            }
        }
        return digests;
    }

    /** The scheduled measures that are due or overdue now. */
    private static List<ReassessmentSchedule.Due> waiting(Journey journey) {
        return journey.due().stream().filter(ReassessmentSchedule.Due::isWaiting).toList();
    }

    private static OutboxEntry dueEntry(String marker, String participantId, ReassessmentSchedule.Due due) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("participantId", participantId);
        data.put("measure", due.measure());
        data.put("every", due.every());
        data.put("dueAt", due.dueAt().toString());
        return new OutboxEntry(UUID.nameUUIDFromBytes(("tend:progress:" + marker).getBytes(StandardCharsets.UTF_8))
                .toString(), EventTypes.PROGRESS_TOPIC, due.dueAt(),
                new IntegrationEvent(EventTypes.REASSESSMENT_DUE_V1, participantId, data));
    }

    private static boolean send(Runnable sending) {
        try {
            sending.run();
            return true;
        } catch (MailException e) {
            log.warn("reminders: the SMTP server did not take a message ({}); the next sweep tries again",
                    e.getClass().getSimpleName());
            return false;
        }
    }
}
