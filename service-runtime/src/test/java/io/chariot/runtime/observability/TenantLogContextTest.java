package io.chariot.runtime.observability;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class TenantLogContextTest {

    record Tenanted(String tenant, String key) {
    }

    record Untenanted(String key) {
    }

    private static String tenantWhileHandling(Object payload) throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        var unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(payload));
        try {
            new TenantLogContext().handle(unitOfWork, () -> {
                seen.set(MDC.get("tenant"));
                return null;
            });
        } finally {
            unitOfWork.commit();
        }
        return seen.get();
    }

    @Test
    void aMessagesTenantIsInTheLoggingContextWhileItIsHandledAndThePreviousOneAfter() throws Exception {
        MDC.put("tenant", "caller@example.com");
        try {
            assertThat(tenantWhileHandling(new Tenanted("owner@example.com", "#asset#a#b")))
                    .isEqualTo("owner@example.com");
            assertThat(MDC.get("tenant")).isEqualTo("caller@example.com");
            assertThat(tenantWhileHandling(new Untenanted("#x"))).isEqualTo("caller@example.com");
        } finally {
            MDC.remove("tenant");
        }
        assertThat(tenantWhileHandling(new Untenanted("#x"))).isNull();
    }

    @Test
    void theKafkaPublishersProcessorForwardsEventsWithoutReadingTheirPayload() throws Exception {
        var context = new TenantLogContext();
        var unreadable = new GenericEventMessage<>(new GenericMessage<>("id-1", Tenanted.class, null, MetaData.emptyInstance()) {
            @Override
            public Tenanted getPayload() {
                throw new AssertionError("the payload was read (deserialized, decrypted)");
            }
        }, java.time.Instant::now);
        var unitOfWork = DefaultUnitOfWork.startAndGet(unreadable);
        try {
            assertThat(context.forProcessor(KafkaEventPublisher.DEFAULT_PROCESSING_GROUP)
                    .handle(unitOfWork, () -> "forwarded")).isEqualTo("forwarded");
        } finally {
            unitOfWork.commit();
        }
        assertThat(context.forProcessor("assets-dynamodb")).isSameAs(context);
    }
}
