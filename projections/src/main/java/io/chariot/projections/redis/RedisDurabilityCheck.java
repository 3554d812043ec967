package io.chariot.projections.redis;

import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import java.util.Map;
import java.util.Optional;

/**
 * Says at start when the Redis the count read models live in would forget writes it acknowledged: their position is
 * kept in PostgreSQL, so such writes are lost until a rebuild (docs/operations.md). The embedded Redis runs with an
 * append-only file and {@code appendfsync always}; an external one should too. A managed Redis that refuses
 * {@code CONFIG GET} is judged by {@code INFO persistence} alone.
 */
public class RedisDurabilityCheck implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(RedisDurabilityCheck.class);

    private final RedissonClient redis;

    public RedisDurabilityCheck(RedissonClient redis) {
        this.redis = redis;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        try {
            RedisNode node = redis.getRedisNodes(RedisNodes.SINGLE).getInstance();
            Map<String, String> persistence = node.info(RedisNode.InfoSection.PERSISTENCE);
            Optional<String> appendfsync;
            try {
                appendfsync = Optional.ofNullable(node.getConfig("appendfsync").get("appendfsync"));
            } catch (RuntimeException refused) {
                appendfsync = Optional.empty();
            }
            weakness(persistence, appendfsync).ifPresent(weak -> log.warn("Redis does not keep every write it "
                    + "acknowledges ({}): after a Redis restart the counts can be short until "
                    + "'./chariot projections rebuild assets-redis' (and risks-redis); configure appendonly yes and "
                    + "appendfsync always (docs/operations.md)", weak));
        } catch (RuntimeException e) {
            log.info("could not check how Redis persists: {}", e.toString());
        }
    }

    /** What makes this Redis forget acknowledged writes, if anything. */
    static Optional<String> weakness(Map<String, String> persistence, Optional<String> appendfsync) {
        if (!"1".equals(persistence.get("aof_enabled"))) {
            return Optional.of("append-only file off");
        }
        return appendfsync.filter(policy -> !policy.equals("always")).map(policy -> "appendfsync " + policy);
    }
}
