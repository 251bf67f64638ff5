package org.tend.plumbing.sample;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tend.plumbing.audit.Audit;
import org.tend.plumbing.audit.ReferenceData;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.IntegrationEventMapper;
import org.tend.plumbing.messaging.MalformedEventException;
import org.tend.plumbing.messaging.RecordListener;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.web.ForbiddenException;
import org.tend.plumbing.web.NotFoundException;
import org.tend.plumbing.web.NoControlCharacters;
import org.tend.security.Role;

/** The smallest service that uses every piece of the plumbing; its test proves the wiring. */
@SpringBootApplication
public class SampleApplication {

    public record CreateCounter(String counterId, String owner, int start) {
    }

    public record CounterCreated(String counterId, String owner, int start) {
    }

    @Aggregate
    public static class Counter {
        @AggregateIdentifier
        private String counterId;

        protected Counter() {
        }

        @CommandHandler
        public Counter(CreateCounter command) {
            AggregateLifecycle.apply(new CounterCreated(command.counterId(), command.owner(), command.start()));
        }

        @EventSourcingHandler
        void on(CounterCreated event) {
            this.counterId = event.counterId();
        }
    }

    /**
     * @param memo   free text that may span lines
     * @param labels single-line texts by key
     */
    public record CreateRequest(@NotNull @Min(0) @Max(10) Integer start,
                                @Size(max = 200) @NoControlCharacters(multiLine = true) String memo,
                                @Size(max = 5) Map<String, @NoControlCharacters String> labels,
                                @Size(max = 5) List<@NoControlCharacters String> tags) {
    }

    /** Opened by a test to let {@code /api/counters/held} finish; counted down when one has started. */
    public static volatile java.util.concurrent.CountDownLatch HELD = new java.util.concurrent.CountDownLatch(1);
    public static volatile java.util.concurrent.CountDownLatch ENTERED = new java.util.concurrent.CountDownLatch(1);
    public static final java.util.concurrent.atomic.AtomicInteger FLAKY_CALLS =
            new java.util.concurrent.atomic.AtomicInteger();

    @RestController
    public static class Counters {
        private final CommandGateway commands;

        Counters(CommandGateway commands) {
            this.commands = commands;
        }

        @PostMapping("/api/counters")
        @ResponseStatus(HttpStatus.CREATED)
        public Map<String, String> create(@Valid @RequestBody CreateRequest request, Caller caller) {
            caller.require(Role.PARTICIPANT);
            String id = UUID.randomUUID().toString();
            commands.sendAndWait(new CreateCounter(id, caller.pseudonym(), request.start()));
            return Map.of("counterId", id);
        }

        /** Creates a counter once {@link #HELD} is opened: a request that is still running when the test says so. */
        @PostMapping("/api/counters/held")
        @ResponseStatus(HttpStatus.CREATED)
        public Map<String, String> createHeld(@Valid @RequestBody CreateRequest request, Caller caller)
                throws InterruptedException {
            ENTERED.countDown();
            if (!HELD.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            return create(request, caller);
        }

        /** Fails on our side the first time it is called, then creates a counter. */
        @PostMapping("/api/counters/flaky")
        @ResponseStatus(HttpStatus.CREATED)
        public Map<String, String> createFlaky(@Valid @RequestBody CreateRequest request, Caller caller) {
            if (FLAKY_CALLS.incrementAndGet() == 1) {
                throw new IllegalStateException("the first call fails");
            }
            return create(request, caller);
        }

        /** Reads a query parameter, as the services' list endpoints do. */
        @GetMapping("/api/counters")
        public Map<String, Object> list(@RequestParam(required = false) Integer min, Caller caller) {
            caller.require(Role.PARTICIPANT);
            return Map.of("min", min == null ? 0 : min);
        }
    }

    /**
     * A consumer of {@code tend.sample.inbound} that cannot read the type {@code tend.sample.broken.v1} until it is
     * {@link #fixed}; it remembers the ids it applied (idempotent, like every Tend consumer).
     */
    public static class SampleListener implements RecordListener {
        public static final String BROKEN_TYPE = "tend.sample.broken.v1";
        public final List<String> applied = new java.util.concurrent.CopyOnWriteArrayList<>();
        public volatile boolean fixed;

        @Override
        @KafkaListener(topics = "tend.sample.inbound", groupId = "tend-sample")
        public void on(ConsumerRecord<String, byte[]> record) {
            String id = header(record, "ce_id");
            if (!fixed && BROKEN_TYPE.equals(header(record, "ce_type"))) {
                throw new MalformedEventException(BROKEN_TYPE + " " + id + " cannot be read yet");
            }
            if (!applied.contains(id)) {
                applied.add(id);
            }
        }

        private static String header(ConsumerRecord<String, byte[]> record, String name) {
            var header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Bean
    SampleListener sampleListener() {
        return new SampleListener();
    }

    /**
     * Individual data, as the services serve it: a participant reads their own, a practitioner anyone's (the sample has
     * no caseload), HR and admins nobody's. The answer holds a score and a note, which the audit trail must never
     * copy.
     */
    @RestController
    public static class People {

        @GetMapping("/api/people/{participantId}")
        public Map<String, Object> person(@PathVariable String participantId, Caller caller) {
            caller.require(Role.PARTICIPANT, Role.PRACTITIONER);
            if (caller.has(Role.PARTICIPANT) && !caller.has(Role.PRACTITIONER)
                    && !caller.pseudonym().equals(participantId)) {
                throw new ForbiddenException("not yours");
            }
            return Map.of("participantId", participantId, "totalScore", 17, "note", "Feels low on Mondays");
        }

        @GetMapping("/api/people")
        public Map<String, Object> byQuery(@RequestParam(required = false) String participantId, Caller caller) {
            caller.require(Role.PRACTITIONER);
            return Map.of("participantId", String.valueOf(participantId), "totalScore", 11);
        }

        /** Names its participant only indirectly, as an assessment id does: the controller tells the trail whom. */
        @GetMapping("/api/cases/{caseId}")
        public Map<String, Object> caseOf(@PathVariable String caseId, Caller caller) {
            caller.require(Role.PRACTITIONER);
            if (!caseId.startsWith("p_")) {
                throw new NotFoundException("caseId", "No such case");
            }
            Audit.participant(caseId);
            if (caseId.endsWith("a")) {
                throw new ForbiddenException("not in your caseload");
            }
            return Map.of("caseId", caseId, "totalScore", 3);
        }
    }

    /** The same for everyone. */
    @RestController
    @ReferenceData
    public static class Library {
        @GetMapping("/api/library")
        public List<String> shelves(Caller caller) {
            return List.of("phq-9", "gad-7");
        }
    }

    @Bean
    IntegrationEventMapper sampleEvents() {
        return event -> event instanceof CounterCreated created
                ? List.of(new IntegrationEvent("tend.sample.counter-created.v1", created.owner(),
                        Map.of("counterId", created.counterId(), "participantId", created.owner(),
                                "start", created.start())))
                : List.of();
    }

    /** Opened by a test to let the sample rebuild finish; it has read two records of its target of three by then. */
    public static volatile java.util.concurrent.CountDownLatch REBUILD_MAY_FINISH =
            new java.util.concurrent.CountDownLatch(1);

    /**
     * A rebuildable projection with one collection, whose engine reads two records, waits for
     * {@link #REBUILD_MAY_FINISH}, then reads the third: what the rebuild meters show while it runs and after.
     */
    @Bean(destroyMethod = "close")
    org.tend.plumbing.projection.RebuildService sampleRebuilds(com.mongodb.client.MongoDatabase database) {
        var generations = new org.tend.plumbing.projection.ProjectionGenerations(database, java.time.Clock.systemUTC(),
                "sample", List.of("sample_sizes"), 1);
        var partition = new org.apache.kafka.common.TopicPartition("tend.sample.inbound", 0);
        return new org.tend.plumbing.projection.RebuildService(generations, (generation, progress, stop) -> {
            progress.target(partition, 0, 3);
            progress.read(2);
            progress.applied(partition, 2);
            try {
                if (!REBUILD_MAY_FINISH.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            progress.read(1);
            progress.applied(partition, 3);
            progress.wrote(3, 1);
        }, database, java.time.Clock.systemUTC(), java.time.Duration.ZERO);
    }
}
