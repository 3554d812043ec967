package io.chariot.projections.instances;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pause requests between the instances of a deployment, in PostgreSQL beside the token store: a rebuild asks every
 * other instance to stop a group's processor, and knows they have when none of the group's segments is claimed any
 * more (the token store is the truth about who applies what).
 */
public class PeerPauses {

    /** This process among the instances: host, pid and a random part (a restarted pid is another instance). */
    private final String self = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final JdbcTemplate jdbc;
    private final InstanceSettings settings;
    private volatile Timestamp requestedAt = new Timestamp(0);

    public PeerPauses(JdbcTemplate jdbc, InstanceSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public String self() {
        return self;
    }

    /**
     * Asks every other instance to pause the groups.
     *
     * @throws IllegalStateException when another live instance paused one of them already (it is rebuilding it);
     *                               an expired request of a crashed instance is taken over
     */
    public void request(Collection<String> groups) {
        requestedAt = jdbc.queryForObject("SELECT now()", Timestamp.class);
        for (String group : groups) {
            int taken = jdbc.update("INSERT INTO read_model_pause (processing_group, requested_by) VALUES (?, ?) "
                    + "ON CONFLICT (processing_group) DO UPDATE SET requested_by = excluded.requested_by, "
                    + "requested_at = now(), renewed_at = now() "
                    + "WHERE read_model_pause.requested_by = excluded.requested_by OR read_model_pause.renewed_at < ?",
                    group, self, expiredBefore());
            if (taken == 0) {
                String holder = jdbc.queryForObject("SELECT requested_by FROM read_model_pause WHERE "
                        + "processing_group = ?", String.class, group);
                release(groups);
                throw new IllegalStateException("instance " + holder + " has paused " + group
                        + " for its own rebuild; try again once it has finished");
            }
        }
    }

    /** Ends this instance's requests for the groups: the others start their processors again. */
    public void release(Collection<String> groups) {
        for (String group : groups) {
            jdbc.update("DELETE FROM read_model_pause WHERE processing_group = ? AND requested_by = ?", group, self);
        }
    }

    /** Keeps this instance's requests and its presence alive (called on every poll). */
    void renew() {
        jdbc.update("UPDATE read_model_pause SET renewed_at = now() WHERE requested_by = ?", self);
        jdbc.update("INSERT INTO read_model_instance (instance, acked_at) VALUES (?, to_timestamp(0)) "
                + "ON CONFLICT (instance) DO UPDATE SET seen_at = now()", self);
    }

    /** What other instances want paused now (expired requests left out), as of the database's clock. */
    Requests pausedByOthers() {
        Timestamp asOf = jdbc.queryForObject("SELECT now()", Timestamp.class);
        return new Requests(asOf, jdbc.queryForList("SELECT processing_group FROM read_model_pause WHERE "
                + "requested_by <> ? AND renewed_at >= ?", String.class, self, expiredBefore()));
    }

    /** This instance has obeyed every request made up to {@code asOf} (its processors for them are stopped). */
    void acknowledge(Timestamp asOf) {
        jdbc.update("UPDATE read_model_instance SET acked_at = ? WHERE instance = ?", asOf, self);
    }

    /** This instance leaves: no rebuild waits for it any more. */
    void leave() {
        jdbc.update("DELETE FROM read_model_instance WHERE instance = ?", self);
    }

    /** Pause requests as read at one moment. */
    record Requests(Timestamp asOf, List<String> groups) {
    }

    private Timestamp expiredBefore() {
        return Timestamp.from(java.time.Instant.now().minus(settings.pauseLease()));
    }

    /**
     * Waits until every other live instance (seen within the lease) has acknowledged the request — it has stopped
     * its processors for the groups and keeps them stopped — and no instance claims a segment of the groups any more
     * (call after this instance stopped its own processors and asked the others). An empty token store alone is not
     * enough: an instance that has not polled yet could claim a segment a moment later and apply past the cut.
     *
     * @throws IllegalStateException naming the claims left when they are not released within the release wait
     */
    public void awaitReleased(Collection<String> groups) {
        String[] names = groups.toArray(String[]::new);
        List<List<String>> left = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(List.of(), List.of()));
        boolean released;
        try {
            released = ScheduledPoll.until(settings.pollInterval().dividedBy(4), settings.releaseWait(), () -> {
                left.set(0, jdbc.queryForList("SELECT instance FROM read_model_instance WHERE instance <> ? "
                        + "AND seen_at >= ? AND acked_at < ?", String.class, self, expiredBefore(), requestedAt));
                if (!left.get(0).isEmpty()) {
                    return false;
                }
                // A claim not extended within Axon's claim timeout is free for anyone to take: a processor stopped
                // while its launcher held a fresh claim leaves the owner behind (Axon 4.12), stale from then on.
                left.set(1, jdbc.queryForList("SELECT processorname || ' segment ' || segment || ' by ' || owner "
                        + "FROM tokenentry WHERE processorname = ANY(?) AND owner IS NOT NULL "
                        + "AND timestamp::timestamptz > now() - make_interval(secs => ?)", String.class,
                        names, (double) settings.claimTimeout().toMillis() / 1000));
                return left.get(1).isEmpty();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for other instances to release segments", e);
        }
        if (!released) {
            throw new IllegalStateException(!left.get(0).isEmpty()
                    ? "instances " + left.get(0) + " did not pause " + groups + " within "
                    + settings.releaseWait().toSeconds() + " s"
                    : "other instances did not release " + left.get(1) + " within "
                    + settings.releaseWait().toSeconds() + " s");
        }
    }
}
