package org.tend.plumbing.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.SendResult;

/** Every dead letter is published with its reason, logged at WARN and counted, whichever service's consumer it is. */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterRecovererTest {

    @Test
    @SuppressWarnings("unchecked")
    void aDeadLetterIsPublishedWithItsReasonLoggedWithTopicOffsetTypeAndReasonAndCounted(CapturedOutput output) {
        KafkaOperations<Object, Object> kafka = mock(KafkaOperations.class);
        when(kafka.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(
                mock(SendResult.class)));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DeadLetterRecoverer recoverer = new DeadLetterRecoverer(new DeadLetterPublishingRecoverer(kafka,
                (record, e) -> new TopicPartition("tend.goal.dead-letters", -1)), meters);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("tend.catalogue.events", 2, 41L, "p_key",
                "{\"secret\":\"data\"}".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "tend.catalogue.intervention-published.v1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", "e-1".getBytes(StandardCharsets.UTF_8));

        recoverer.accept(record, new ListenerExecutionFailedException("listener failed",
                new MalformedEventException("tend.catalogue.intervention-published.v1 e-1 breaks its contract")));

        ArgumentCaptor<ProducerRecord<Object, Object>> sent = ArgumentCaptor.forClass(ProducerRecord.class);
        Mockito.verify(kafka).send(sent.capture());
        assertThat(sent.getValue().topic()).isEqualTo("tend.goal.dead-letters");
        assertThat(new String(sent.getValue().headers().lastHeader(DeadLetterRecoverer.REASON_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo("MalformedEventException");
        assertThat(output.getOut()).contains("WARN").contains("dead letter: tend.catalogue.events-2@41 type "
                + "tend.catalogue.intervention-published.v1 id e-1: MalformedEventException").doesNotContain("secret");
        assertThat(meters.get("tend.dead.letters").tag("topic", "tend.catalogue.events")
                .tag("reason", "MalformedEventException").counter().count()).isEqualTo(1.0);
    }
}
