package org.tend.plumbing.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

class OutagesTest {

    @Test
    void aStoreOutageAnywhereInTheCausesIsAnOutage() {
        var wrapped = new ListenerExecutionFailedException("listener failed",
                new IllegalStateException("projection", new MongoTimeoutException("no server")));
        assertThat(Outages.isOutage(wrapped)).isTrue();
    }

    @Test
    void aBadRecordIsNotAnOutage() {
        assertThat(Outages.isOutage(new ListenerExecutionFailedException("listener failed",
                new MalformedEventException("missing field 'participantId'")))).isFalse();
        assertThat(Outages.isOutage(new IllegalArgumentException("rating 11"))).isFalse();
    }

    @Test
    void anOutageIsRetriedWithoutLimitAndAtMostHalfAMinuteApart() {
        BackOffExecution execution = Outages.backOff().start();
        long last = 0;
        for (int attempt = 0; attempt < 200; attempt++) {
            last = execution.nextBackOff();
            assertThat(last).isNotEqualTo(BackOffExecution.STOP).isLessThanOrEqualTo(30_000L);
        }
        assertThat(last).isEqualTo(30_000L);
    }
}
