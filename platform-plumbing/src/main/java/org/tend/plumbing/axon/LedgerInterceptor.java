package org.tend.plumbing.axon;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Registered for every event processor: once the handlers of a streaming processor's batch have all succeeded, the
 * batch's event ids go into the {@link HandledEventLedger} in one write. The write happens inside the handling of the
 * batch's last event, before the processor stores its token (without a transaction manager Axon stores it in a
 * prepare-commit step, engineering notes §7): a failed write fails the batch, which is retried from the old token; a
 * position never runs ahead of the ledger. A subscribing processor's events are not tracked and not recorded.
 */
final class LedgerInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final String processor;
    private final HandledEventLedger ledger;
    private final String resourceKey;

    LedgerInterceptor(String processor, HandledEventLedger ledger) {
        this.processor = processor;
        this.ledger = ledger;
        this.resourceKey = LedgerInterceptor.class.getName() + "." + processor;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> message = unitOfWork.getMessage();
        Object result = chain.proceed();
        if (!(message instanceof TrackedEventMessage<?>)) {
            return result;
        }
        List<HandledEventLedger.Handled> batch = unitOfWork.root()
                .getOrComputeResource(resourceKey, key -> new ArrayList<>());
        batch.add(new HandledEventLedger.Handled(message.getIdentifier(), message.getTimestamp()));
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batching) || batching.isLastMessage()) {
            ledger.record(processor, batch);
            batch.clear();
        }
        return result;
    }
}
