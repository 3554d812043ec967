package io.chariot.consistency.applied;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Read-your-writes across processes: what this process's read-model processors report goes, besides this process's
 * own {@link LocalAppliedEvents}, to every other process over a Redis topic, and their reports arrive here. A request
 * waits on its own process's view, which so holds every process's reports — the command side and the projections can
 * run apart.
 * <p>
 * Reports leave in batches: one publisher thread sends whatever queued up while its previous message was in flight,
 * so a busy processor costs one Redis message per batch, not per event. Redis pub/sub delivers at most once: a lost
 * message leaves a waiting write to its visibility time-out (answered as not yet visible, ADR 0008), never to a wrong
 * answer, and any later report of the same aggregate settles the waits below it.
 */
public final class RedisAppliedEvents implements AppliedEvents, AutoCloseable {

    /** The topic every process of a deployment shares. */
    public static final String TOPIC = "chariot:applied-events";

    private static final Logger log = LoggerFactory.getLogger(RedisAppliedEvents.class);
    private static final int MAX_BATCH = 1000;

    private final AppliedEvents local;
    private final ObjectMapper json;
    private final RTopic topic;
    private final int listener;
    private final String node = UUID.randomUUID().toString();
    private final BlockingQueue<ArrayNode> outbox = new LinkedBlockingQueue<>();
    private final Thread publisher;
    private volatile boolean closed;
    private volatile long lastWarning;

    public RedisAppliedEvents(AppliedEvents local, RedissonClient redis, ObjectMapper json) {
        this.local = local;
        this.json = json;
        this.topic = redis.getTopic(TOPIC, StringCodec.INSTANCE);
        this.listener = topic.addListener(String.class, (channel, message) -> receive(message));
        this.publisher = new Thread(this::publish, "applied-events-publisher");
        this.publisher.setDaemon(true);
        this.publisher.start();
    }

    @Override
    public void applied(String readModel, String aggregateId, long sequenceNumber) {
        local.applied(readModel, aggregateId, sequenceNumber);
        send("applied", readModel, aggregateId, sequenceNumber);
    }

    @Override
    public void parked(String readModel, String aggregateId, long sequenceNumber) {
        local.parked(readModel, aggregateId, sequenceNumber);
        send("parked", readModel, aggregateId, sequenceNumber);
    }

    @Override
    public void discarded(String readModel, String aggregateId) {
        local.discarded(readModel, aggregateId);
        send("discarded", readModel, aggregateId);
    }

    @Override
    public void failing(String readModel, String cause) {
        local.failing(readModel, cause);
        send("failing", readModel, cause);
    }

    @Override
    public void recovered(String readModel) {
        local.recovered(readModel);
        send("recovered", readModel);
    }

    @Override
    public CompletableFuture<Void> visible(String readModel, String aggregateId, long sequenceNumber) {
        return local.visible(readModel, aggregateId, sequenceNumber);
    }

    @Override
    public void close() {
        closed = true;
        publisher.interrupt();
        try {
            topic.removeListener(listener);
        } catch (RuntimeException redisAlreadyGone) {
            // Shutting down with Redis: nothing left to unsubscribe from.
        }
    }

    private void send(String kind, Object... values) {
        ArrayNode report = json.createArrayNode().add(kind);
        for (Object value : values) {
            if (value instanceof Long number) {
                report.add(number);
            } else {
                report.add(value == null ? null : value.toString());
            }
        }
        outbox.add(report);
    }

    private void publish() {
        List<ArrayNode> batch = new ArrayList<>();
        while (!closed) {
            try {
                batch.add(outbox.take());
            } catch (InterruptedException stop) {
                return;
            }
            outbox.drainTo(batch, MAX_BATCH - 1);
            ObjectNode message = json.createObjectNode().put("node", node);
            batch.forEach(message.putArray("reports")::add);
            try {
                topic.publish(message.toString());
            } catch (RuntimeException e) {
                warn("could not publish " + batch.size() + " read-model report(s) to Redis; other processes' "
                        + "waiting writes will time out: " + e);
            }
            batch.clear();
        }
    }

    /** Another process's reports, replayed into this one's view. */
    void receive(String message) {
        try {
            JsonNode batch = json.readTree(message);
            if (node.equals(batch.path("node").asText())) {
                return;
            }
            for (JsonNode r : batch.path("reports")) {
                apply(r, local);
            }
        } catch (Exception e) {
            warn("ignored an unreadable read-model report from Redis: " + e);
        }
    }

    private static void apply(JsonNode r, AppliedEvents view) {
        String readModel = r.path(1).asText();
        switch (r.path(0).asText()) {
            case "applied" -> view.applied(readModel, r.path(2).asText(), r.path(3).asLong());
            case "parked" -> view.parked(readModel, r.path(2).asText(), r.path(3).asLong());
            case "discarded" -> view.discarded(readModel, r.path(2).asText());
            case "failing" -> view.failing(readModel, r.path(2).asText());
            case "recovered" -> view.recovered(readModel);
            default -> { } // a newer process's kind of report: nothing this one can wait on
        }
    }

    private void warn(String message) {
        long now = System.currentTimeMillis();
        if (now - lastWarning > 10_000) {
            lastWarning = now;
            log.warn(message);
        }
    }
}
