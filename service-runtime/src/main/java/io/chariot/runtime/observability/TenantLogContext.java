package io.chariot.runtime.observability;

import io.chariot.websupport.tenancy.CallerArgumentResolver;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * While a command or event is handled, the tenant it belongs to is in the logging context, so a projection's,
 * saga's or aggregate's log line says whose data it is about. Commands and events of the published language are
 * records with a {@code tenant} component; messages without one leave the context as it is.
 */
public class TenantLogContext implements MessageHandlerInterceptor<Message<?>> {

    private static final ClassValue<MethodHandle> TENANT = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return null;
            }
            for (var component : type.getRecordComponents()) {
                if (component.getName().equals("tenant") && component.getType() == String.class) {
                    var accessor = component.getAccessor();
                    try {
                        accessor.trySetAccessible(); // records need not be public (messages of tests, say)
                        return MethodHandles.lookup().unreflect(accessor)
                                .asType(MethodType.methodType(String.class, Object.class));
                    } catch (IllegalAccessException e) {
                        return null;
                    }
                }
            }
            return null;
        }
    };

    /** Reads no payload: for the processor that only forwards events. */
    private static final MessageHandlerInterceptor<Message<?>> NONE = (unitOfWork, chain) -> chain.proceed();

    /**
     * The interceptor for the event processor {@code processor}: this one, except for the Kafka publisher's, which
     * only forwards events and logs nothing per tenant — reading the tenant would make it deserialize (and decrypt
     * the personal fields of) every event it forwards.
     */
    public MessageHandlerInterceptor<Message<?>> forProcessor(String processor) {
        return KafkaEventPublisher.DEFAULT_PROCESSING_GROUP.equals(processor) ? NONE : this;
    }

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain) throws Exception {
        String tenant = tenantOf(unitOfWork.getMessage().getPayload());
        if (tenant == null) {
            return chain.proceed();
        }
        String previous = MDC.get(CallerArgumentResolver.TENANT_LOG_KEY);
        MDC.put(CallerArgumentResolver.TENANT_LOG_KEY, tenant);
        try {
            return chain.proceed();
        } finally {
            if (previous == null) {
                MDC.remove(CallerArgumentResolver.TENANT_LOG_KEY);
            } else {
                MDC.put(CallerArgumentResolver.TENANT_LOG_KEY, previous);
            }
        }
    }

    static String tenantOf(Object payload) {
        MethodHandle accessor = payload == null ? null : TENANT.get(payload.getClass());
        if (accessor == null) {
            return null;
        }
        try {
            return (String) accessor.invokeExact(payload);
        } catch (Throwable e) {
            return null;
        }
    }
}
