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
            boolean failed = result != null && result.isExceptionResult();
            record(type, failed ? "failure" : "success", failed ? name(result.getExceptionResult()) : "none", start);
        });
        unitOfWork.onRollback(u -> {
            var result = u.getExecutionResult();
            record(type, "failure", result != null && result.isExceptionResult()
                    ? name(result.getExceptionResult()) : "unknown", start);
        });
        return chain.proceed();
    }

    private static String name(Throwable failure) {
        return failure.getClass().getSimpleName();
    }

    private void record(String type, String outcome, String exception, long start) {
        Timer.builder("tend.commands").description("Commands handled, by type and outcome")
                .tag("type", type).tag("outcome", outcome).tag("exception", exception)
                .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
