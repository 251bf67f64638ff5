package org.tend.progress.reminders;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * Reads the whole alert-counts topic into {@link AlertCountsListener} on every instance, outside any consumer group.
 *
 * <p>The topic is small and compacted, and only each programme's newest count matters, so every instance reads all
 * of its partitions from the beginning at each start and then follows them. It does not join {@code tend-progress}:
 * as a second member with another subscription it made the group rebalance (and stop the journeys' consumption) each
 * time it joined or left, once per instance. Its consumer has no {@code group.id}, so it neither joins a group nor
 * commits offsets (Spring Kafka takes a manually assigned container without a group to manual acknowledgement, which
 * this listener never gives, and commits nothing after an error either). A commit from a non-member under
 * {@code tend-progress} would be refused by the broker while the journeys' members are active.
 *
 * <p>The container comes from a factory configured like Boot's own (the plumbing's error handler, so a record that
 * breaks its contract still goes to the dead letters and a store outage is retried; the tracing and consumed-event
 * interceptors). It needs no ACL beyond READ on the topic, which implies the DESCRIBE that finding its partitions
 * needs. Partitions added later are read after the next restart (the topic is declared with a fixed count).
 *
 * <p>The partitions are looked up when the context starts (after it has declared the service's topics), on a thread
 * of its own that keeps looking while the broker is away, so the service starts without it as it does without the
 * journeys' consumers.
 */
public class AlertCountsReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertCountsReader.class);

    /** Named in logs, metrics and the consumer's client id. */
    public static final String ID = "progress-alert-counts";

    private final ConcurrentKafkaListenerContainerFactory<Object, Object> factory;
    private final ConsumerFactory<Object, Object> consumers;
    private final AlertCountsListener listener;
    private final String topic;
    private final Duration lookupTimeout;
    private volatile ConcurrentMessageListenerContainer<Object, Object> container;
    private volatile boolean running;
    private Thread finder;

    /**
     * @param factory   a listener container factory configured as the service's (error handler, interceptors); its
     *                  consumer factory is replaced by one without a group
     * @param consumers the service's consumer factory: its settings (servers, security, deserializers) are used, less
     *                  {@code group.id}
     * @param lookupTimeout how long one look-up of the topic's partitions waits for the broker before it is tried again
     */
    public AlertCountsReader(ConcurrentKafkaListenerContainerFactory<Object, Object> factory,
                             ConsumerFactory<?, ?> consumers, AlertCountsListener listener, String topic,
                             Duration lookupTimeout) {
        this.consumers = new DefaultKafkaConsumerFactory<>(withoutGroup(consumers.getConfigurationProperties()));
        this.factory = factory;
        this.factory.setConsumerFactory(this.consumers);
        this.factory.setConcurrency(1);
        this.factory.setBatchListener(false);
        this.listener = listener;
        this.topic = topic;
        this.lookupTimeout = lookupTimeout;
    }

    /** The consumer settings less those that would make it a group member or let it commit. */
    static Map<String, Object> withoutGroup(Map<String, Object> settings) {
        Map<String, Object> props = new HashMap<>(settings);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        props.remove(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Looking the topic up must not create it with the broker's defaults (not compacted).
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return props;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        // The partitions are looked up off the starting thread: a broker that is away when the service starts must not
        // keep it from starting (the journeys' container waits for the broker the same way).
        finder = new Thread(this::findAndStart, ID + "-start");
        finder.setDaemon(true);
        finder.start();
    }

    private void findAndStart() {
        try {
            TopicPartitionOffset[] partitions = partitions().stream()
                    .map(p -> new TopicPartitionOffset(topic, p.partition(),
                            TopicPartitionOffset.SeekPosition.BEGINNING))
                    .toArray(TopicPartitionOffset[]::new);
            synchronized (this) {
                if (!running) {
                    return;
                }
                ConcurrentMessageListenerContainer<Object, Object> created = factory.createContainer(partitions);
                created.setBeanName(ID);
                created.getContainerProperties().setClientId(ID);
                created.getContainerProperties().setGroupId(null);
                MessageListener<String, byte[]> records = listener::on;
                created.setupMessageListener(records);
                created.start();
                container = created;
            }
            log.info("reading {} partitions of {} from the beginning, outside any consumer group", partitions.length,
                    topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!running) {
                return; // stopped while looking
            }
            log.error("cannot read {}: the practitioners' digests go without alert counts until a restart", topic, e);
        }
    }

    /** The topic's partitions, once the broker answers and the topic has some. */
    private List<PartitionInfo> partitions() throws InterruptedException {
        try (Consumer<Object, Object> consumer = consumers.createConsumer()) {
            long backOff = 500;
            while (running) {
                try {
                    List<PartitionInfo> found = consumer.partitionsFor(topic, lookupTimeout);
                    if (found != null && !found.isEmpty()) {
                        return found;
                    }
                    log.warn("{} has no partitions yet; looking again", topic);
                } catch (org.apache.kafka.common.errors.InterruptException e) {
                    throw new InterruptedException("stopped while looking for the partitions of " + topic);
                } catch (RuntimeException e) {
                    log.warn("cannot find the partitions of {} yet ({}); looking again", topic, e.toString());
                }
                Thread.sleep(backOff);
                backOff = Math.min(backOff * 2, 10_000);
            }
            throw new InterruptedException("stopped");
        }
    }

    @Override
    public void stop() {
        Thread looking;
        synchronized (this) {
            running = false;
            looking = finder;
            finder = null;
            if (container != null) {
                container.stop();
                container = null;
            }
        }
        if (looking != null) {
            looking.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started with the listener containers, after the topics are declared; stopped with them. */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE;
    }

}
