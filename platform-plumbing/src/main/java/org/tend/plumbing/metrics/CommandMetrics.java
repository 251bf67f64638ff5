package org.tend.plumbing.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Times every command the service handles: {@code tend.commands} [{@code tend_commands_seconds_count},
 * {@code _sum}, {@code _max}] by {@code type} (the command's class name, e.g. {@code CompleteAssessment}),
 * {@code outcome} ({@code success} once the unit of work has committed, {@code failure} when it rolled back or the
 * handler's result is an exception) and {@code exception} (the failure's class name, {@code none} on success). A
 * command's content never becomes a tag.
 */
public class CommandMetrics implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final MeterRegistry meters;

    public CommandMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        long start = System.nanoTime();
        String type = unitOfWork.getMessage().getPayloadType().getSimpleName();
        unitOfWork.afterCommit(u -> {
            var result = u.getExecutionResult();
            record(type, result != null && result.isExceptionResult() ? result.getExceptionResult() : null, start);
        });
        unitOfWork.onRollback(u -> {
            var result = u.getExecutionResult();
            Throwable failure = result != null && result.isExceptionResult() ? result.getExceptionResult() : null;
            record(type, failure == null ? new IllegalStateException("rolled back") : failure, start);
        });
        return chain.proceed();
    }

    private void record(String type, Throwable failure, long start) {
        Timer.builder("tend.commands").description("Commands handled, by type and outcome")
                .tag("type", type)
                .tag("outcome", failure == null ? "success" : "failure")
                .tag("exception", failure == null ? "none" : failure.getClass().getSimpleName())
                .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
