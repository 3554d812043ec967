package io.chariot.infra.local.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Redis keeps what it acknowledged: a real redis-server, killed with SIGKILL. */
class RedisServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path work;

    private RedisServer first;
    private RedisServer second;

    @AfterEach
    void stopBoth() throws Exception {
        for (RedisServer server : new RedisServer[] {first, second}) {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Test
    void everyWriteRedisAcknowledgedSurvivesASigkill() throws Exception {
        first = new RedisServer(work);
        first.start();
        try (RedisCommands redis = connect(first)) {
            for (int i = 0; i < 500; i++) {
                redis.call("INCR", "acknowledged");
                redis.call("HINCRBY", "chariot:counts", "status:A", "1");
            }
        }
        ProcessHandle process = first.process().orElseThrow();
        process.destroyForcibly();
        process.onExit().get();

        second = new RedisServer(work);
        second.start();

        try (RedisCommands redis = connect(second)) {
            assertThat(redis.call("GET", "acknowledged")).isEqualTo("500");
            assertThat(redis.call("HGET", "chariot:counts", "status:A")).isEqualTo("500");
        }
    }

    @Test
    void aDataDirWithOnlyAnRdbSnapshotIsConvertedToAnAppendOnlyFileWithItsData() throws Exception {
        first = new RedisServer(work);
        first.start();
        try (RedisCommands redis = connect(first)) {
            redis.call("CONFIG", "SET", "appendonly", "no"); // as the stack ran Redis before: snapshots only
            redis.call("SET", "from-the-snapshot", "kept");
            redis.call("SAVE");
        }
        first.stop();
        Files.delete(work.resolve("redis/appendonly.aof"));
        assertThat(work.resolve("redis/dump.rdb")).exists();

        second = new RedisServer(work);
        second.start();

        try (RedisCommands redis = connect(second)) {
            assertThat(redis.call("GET", "from-the-snapshot")).isEqualTo("kept");
            assertThat(redis.call("INFO", "persistence")).contains("aof_enabled:1");
        }
        assertThat(work.resolve("redis/appendonly.aof")).isNotEmptyFile();
        second.process().orElseThrow().destroyForcibly();
        second.process().orElseThrow().onExit().get();
        second = new RedisServer(work);
        second.start();
        try (RedisCommands redis = connect(second)) {
            assertThat(redis.call("GET", "from-the-snapshot")).isEqualTo("kept");
        }
    }

    @Test
    void aRedisLeftRunningByAKilledStackIsStoppedBeforeANewOneStartsOnItsData() throws Exception {
        first = new RedisServer(work);
        first.start();
        try (RedisCommands redis = connect(first)) {
            redis.call("SET", "written", "before the stack died");
        }
        ProcessHandle orphan = first.process().orElseThrow();
        first = null; // the stack that started it is gone; nothing stops it

        second = new RedisServer(work);
        second.start();

        assertThat(orphan.isAlive()).isFalse();
        try (RedisCommands redis = connect(second)) {
            assertThat(redis.call("GET", "written")).isEqualTo("before the stack died");
        }
    }

    private static RedisCommands connect(RedisServer server) throws Exception {
        return RedisCommands.connect(URI.create(server.endpoint()).getPort(), TIMEOUT);
    }
}
