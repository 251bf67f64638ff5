package org.tend.plumbing.sample;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.IntegrationEventMapper;
import org.tend.plumbing.security.Caller;
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

    @Bean
    IntegrationEventMapper sampleEvents() {
        return event -> event instanceof CounterCreated created
                ? List.of(new IntegrationEvent("tend.sample.counter-created.v1", created.owner(),
                        Map.of("counterId", created.counterId(), "participantId", created.owner(),
                                "start", created.start())))
                : List.of();
    }
}
