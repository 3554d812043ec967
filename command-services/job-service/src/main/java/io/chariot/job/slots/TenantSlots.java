package io.chariot.job.slots;

import org.redisson.api.RMap;
import org.redisson.api.RPermitExpirableSemaphore;
import org.redisson.api.RedissonClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-tenant caps on running jobs, shared by every instance through Redis: one Redisson
 * {@link RPermitExpirableSemaphore} per tenant ({@code chariot:jobs:slots:{tenant}}) whose permits are the cap. A
 * claim takes a permit before it claims a job and gives it back if it claimed none; a claimed job holds its permit
 * (recorded in {@code chariot:jobs:slot-of:{tenant}}, job key → permit id) until the job finishes, fails or misses
 * its deadline ({@link JobSlotReleaser}).
 * <p>
 * Permits expire: a claim's permit lives {@code claimLease} until the claim succeeds, then until the run's deadline
 * plus {@code grace}. So a permit whose release was lost (an instance died between claim and record, Redis lost the
 * map) comes back by itself instead of shrinking the tenant's cap for ever.
 * <p>
 * Caps come from configuration (a default and per-tenant overrides); each instance applies a tenant's cap to its
 * semaphore the first time it serves that tenant, so instances should share one configuration.
 */
public class TenantSlots {

    static final String SEMAPHORE = "chariot:jobs:slots:";
    static final String HELD = "chariot:jobs:slot-of:";

    private final RedissonClient redis;
    private final int defaultCap;
    private final Map<String, Integer> caps;
    private final Duration claimLease;
    private final Duration grace;
    private final Map<String, Integer> applied = new ConcurrentHashMap<>();

    public TenantSlots(RedissonClient redis, int defaultCap, Map<String, Integer> caps, Duration claimLease,
                       Duration grace) {
        if (defaultCap < 1) {
            throw new IllegalArgumentException("the per-tenant cap of running jobs must be at least 1, got "
                    + defaultCap);
        }
        this.redis = redis;
        this.defaultCap = defaultCap;
        this.caps = new ConcurrentHashMap<>(caps == null ? Map.of() : caps);
        this.claimLease = claimLease;
        this.grace = grace;
    }

    /** A permit taken for one claim attempt. */
    public record Slot(String tenant, String permitId) {
    }

    public int capOf(String tenant) {
        return caps.getOrDefault(tenant, defaultCap);
    }

    /** Sets a tenant's cap on this instance (and the shared semaphore) at run time. */
    public void setCap(String tenant, int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("a cap is at least 1, got " + cap);
        }
        caps.put(tenant, cap);
        applied.remove(tenant);
        semaphore(tenant);
    }

    /** A permit of the tenant's cap, or empty when the tenant already runs as many jobs as its cap allows. */
    public Optional<Slot> tryTake(String tenant) {
        String permit;
        try {
            permit = semaphore(tenant).tryAcquire(0, claimLease.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.ofNullable(permit).map(p -> new Slot(tenant, p));
    }

    /** The claim succeeded: the job keeps the permit until it ends (or until its deadline plus the grace). */
    public void hold(Slot slot, String jobKey, Instant deadline) {
        long lease = Math.max(claimLease.toMillis(),
                Duration.between(Instant.now(), deadline == null ? Instant.now() : deadline).plus(grace).toMillis());
        semaphore(slot.tenant()).updateLeaseTime(slot.permitId(), lease, TimeUnit.MILLISECONDS);
        String previous = held(slot.tenant()).put(jobKey, slot.permitId());
        if (previous != null && !previous.equals(slot.permitId())) {
            semaphore(slot.tenant()).tryRelease(previous); // a stale record of an earlier run
        }
    }

    /** The claim attempt got no job: the permit goes back at once. */
    public void giveBack(Slot slot) {
        semaphore(slot.tenant()).tryRelease(slot.permitId());
    }

    /** The job ended: its permit goes back. Safe to call twice and for jobs that hold none. */
    public void release(String tenant, String jobKey) {
        String permit = held(tenant).remove(jobKey);
        if (permit != null) {
            semaphore(tenant).tryRelease(permit); // false when the lease had expired already
        }
    }

    /** How many of the tenant's permits are taken (running jobs and claims in flight). */
    public int inUse(String tenant) {
        return semaphore(tenant).acquiredPermits();
    }

    private RPermitExpirableSemaphore semaphore(String tenant) {
        RPermitExpirableSemaphore semaphore = redis.getPermitExpirableSemaphore(SEMAPHORE + tenant);
        int cap = capOf(tenant);
        if (!Integer.valueOf(cap).equals(applied.get(tenant))) {
            if (!semaphore.trySetPermits(cap) && semaphore.getPermits() != cap) {
                semaphore.setPermits(cap);
            }
            applied.put(tenant, cap);
        }
        return semaphore;
    }

    private RMap<String, String> held(String tenant) {
        return redis.getMap(HELD + tenant);
    }
}
