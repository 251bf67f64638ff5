package org.tend.assessment.web;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tend.assessment.config.AssessmentSettings;

/**
 * The Mongo read models follow the event store a few milliseconds behind (tracking processors). A write waits, at
 * most {@code tend.read-models.await}, until they show it, so that the client's next read (its results, a
 * practitioner's alert list) already includes what it wrote. If they lag longer, the write has still succeeded: it
 * is stored and will appear.
 */
@Component
class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
    private static final long POLL_MILLIS = 5;

    private final Duration timeout;

    ReadYourWrites(AssessmentSettings settings) {
        this.timeout = settings.readModelWait();
    }

    /**
     * A failed read counts as "not yet": the write is already stored, so a read-model hiccup (mongo-java-server
     * can fail to encode a document that is being updated at the same moment) must not turn it into an error.
     */
    private static boolean isVisible(String what, BooleanSupplier visible) {
        try {
            return visible.getAsBoolean();
        } catch (RuntimeException e) {
            log.debug("reading the read models for {} failed; trying again", what, e);
            return false;
        }
    }

    void await(String what, BooleanSupplier visible) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isVisible(what, visible)) {
            if (System.nanoTime() > deadline) {
                log.info("read models do not show {} after {}; answering anyway (the write is stored)", what, timeout);
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
