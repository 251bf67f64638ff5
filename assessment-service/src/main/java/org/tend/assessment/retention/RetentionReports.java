package org.tend.assessment.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tend.assessment.erasure.ErasureReports;
import org.tend.contracts.ErasureStores;

/**
 * One report for a closed programme's retention: when it closed and ends, how many participants were erased, and for
 * each store how many of their erasures it has confirmed and when the last did. Complete once the period has ended,
 * no member is left to erase, and every store has confirmed every erasure. Names no one.
 */
@Component
public class RetentionReports {

    /** Where the programme is: {@code closed} (the period runs), {@code erasing}, or {@code complete}. */
    public static final String CLOSED = "closed";
    public static final String ERASING = "erasing";
    public static final String COMPLETE = "complete";

    /**
     * One store: how many of the programme's erasures it has confirmed, and when it confirmed the last of them (null
     * until it has confirmed them all).
     */
    public record StoreConfirmations(String store, String covers, int confirmed, Instant confirmedAt) {
    }

    /**
     * @param erased      participants erased by the retention (those erased earlier at their own request have their
     *                    own report and are not counted)
     * @param waiting     members not erased yet
     * @param completedAt when the last store confirmed the last erasure; null until complete
     */
    public record Report(String programmeId, String state, Instant closedAt, String retention, Instant eraseAfter,
                         Instant startedAt, int erased, int waiting, List<StoreConfirmations> stores,
                         boolean complete, Instant completedAt) {
    }

    private final RetentionViews views;
    private final ErasureReports erasures;
    private final Clock clock;

    public RetentionReports(RetentionViews views, ErasureReports erasures, Clock clock) {
        this.views = views;
        this.erasures = erasures;
        this.clock = clock;
    }

    /**
     * The report of a programme just closed, before its read model shows the closure (nothing is erased before the
     * period ends, so nothing else is known yet).
     */
    public static Report justClosed(String programmeId, Instant closedAt, String retention, Instant eraseAfter) {
        List<StoreConfirmations> stores = ErasureReports.STORES.stream()
                .map(s -> new StoreConfirmations(s, ErasureStores.description(s), 0, null)).toList();
        return new Report(programmeId, CLOSED, closedAt, retention, eraseAfter, null, 0, 0, stores, false, null);
    }

    /** The report of a closed programme; empty while the programme is open (or unknown). */
    public Optional<Report> of(String programmeId) {
        return views.find(programmeId).map(this::report);
    }

    private Report report(RetentionViews.Retention retention) {
        List<ErasureReports.Report> reports = retention.erasureIds().stream()
                .map(id -> erasures.find(id, Optional.empty())).flatMap(Optional::stream).toList();
        List<StoreConfirmations> stores = new ArrayList<>();
        for (String store : ErasureReports.STORES) {
            List<Instant> times = reports.stream().flatMap(r -> r.stores().stream())
                    .filter(c -> c.store().equals(store)).map(ErasureReports.Confirmation::confirmedAt)
                    .filter(Objects::nonNull).toList();
            Instant last = times.size() == reports.size() && !reports.isEmpty()
                    ? times.stream().max(Comparator.naturalOrder()).orElseThrow() : null;
            stores.add(new StoreConfirmations(store, ErasureStores.description(store), times.size(), last));
        }
        int waiting = views.membersOf(retention.programmeId()).size();
        boolean ended = !clock.instant().isBefore(retention.eraseAfter());
        boolean complete = ended && retention.startedAt() != null && waiting == 0
                && reports.stream().allMatch(ErasureReports.Report::complete);
        Instant completedAt = !complete ? null : reports.stream().map(ErasureReports.Report::completedAt)
                .max(Comparator.naturalOrder()).orElse(retention.startedAt());
        String state = complete ? COMPLETE : ended ? ERASING : CLOSED;
        return new Report(retention.programmeId(), state, retention.closedAt(), retention.retention(),
                retention.eraseAfter(), retention.startedAt(), reports.size(), waiting, stores, complete,
                completedAt);
    }
}
