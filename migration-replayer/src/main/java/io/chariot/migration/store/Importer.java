package io.chariot.migration.store;

import io.chariot.migration.mapping.EventDraft;
import io.chariot.migration.mapping.ImportPlan;
import io.chariot.migration.mapping.ImportUnit;
import io.chariot.api.origin.MessageOrigin;
import org.axonframework.messaging.MetaData;
import org.springframework.dao.DataAccessException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Appends a plan's units to the event store: a batch of whole units per transaction, together with the row in
 * {@code migration_batch} that records it, so a run killed at any moment resumes exactly where its last commit
 * ended. Within the transaction the units' aggregates are looked up first (ADR 0012):
 * <ul>
 *   <li>no events yet: the unit's events are appended with sequence numbers from 0;</li>
 *   <li>only imported events (metadata {@code migration}): the drafts whose identifiers are not stored yet are
 *       appended after the last one (a re-run appends nothing; {@code follow} appends what changed);</li>
 *   <li>any event the platform wrote itself: the unit is refused and recorded in {@code migration_conflict} (it goes
 *       to the quarantine file), unless every draft is already stored.</li>
 * </ul>
 * A live command racing a batch makes its insert fail on the (aggregate, sequence) key; the batch is then retried
 * and sees the live event. The events go in with one {@code COPY} per batch ({@link EventCopy}), which stores all of
 * them or none.
 */
public final class Importer {

    /** The metadata key that marks an imported event; its value names the source. */
    public static final String MARKER = MessageOrigin.MIGRATION;
    public static final String LEGACY_KEY = "migration.legacyKey";
    private static final int RETRIES = 5;

    /**
     * @param checkpoint record each batch in {@code migration_batch} (run); {@code follow} appends small plans whose
     *                   drafts' identifiers alone make a repetition harmless, and keeps its position in the stream
     */
    public record Options(int batchEvents, int writers, double maxRecordsPerSecond, boolean checkpoint) {
        public Options(int batchEvents, int writers, double maxRecordsPerSecond) {
            this(batchEvents, writers, maxRecordsPerSecond, true);
        }
    }

    public record Result(long unitsSkipped, long unitsWritten, long eventsAppended, long recordsDone,
                         long conflicts, boolean resumed) {
    }

    private final EventStore store;
    private final Options options;

    public Importer(EventStore store, Options options) {
        this.store = store;
        this.options = options;
    }

    /** A digest of what the plan appends (units and event identifiers in order): the checkpoint's validity. */
    public static String planHash(ImportPlan plan) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ImportUnit u : plan.units) {
                digest.update(u.aggregateId().getBytes(StandardCharsets.UTF_8));
                for (EventDraft d : u.events()) {
                    digest.update(d.id().getBytes(StandardCharsets.US_ASCII));
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the plan. {@code progress} gets the number of legacy records done so far (those of earlier runs
     * included) whenever a batch commits.
     */
    public Result run(ImportPlan plan, LongConsumer progress) throws InterruptedException {
        String hash = planHash(plan);
        String source = plan.sourceName;
        BitSet done = new BitSet(plan.units.size());
        if (options.checkpoint()) {
            store.jdbc.query("SELECT first_unit, last_unit FROM migration_batch WHERE source = ? AND plan_hash = ?",
                    rs -> {
                        done.set(rs.getInt(1), rs.getInt(2) + 1);
                    }, source, hash);
        }
        boolean resumed = !done.isEmpty();
        AtomicLong records = new AtomicLong();
        for (int i = done.nextSetBit(0); i >= 0; i = done.nextSetBit(i + 1)) {
            records.addAndGet(plan.units.get(i).records());
        }
        progress.accept(records.get());
        List<int[]> batches = batches(plan, done);
        AtomicLong written = new AtomicLong();
        AtomicLong appended = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        long started = System.nanoTime();
        long startRecords = records.get();
        ExecutorService writers = Executors.newFixedThreadPool(Math.max(1, options.writers()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int[] batch : batches) {
                futures.add(writers.submit(() -> {
                    int[] outcome = writeWithRetries(plan, source, hash, batch[0], batch[1]);
                    appended.addAndGet(outcome[0]);
                    conflicts.addAndGet(outcome[1]);
                    written.addAndGet(batch[1] - batch[0] + 1);
                    long now = records.addAndGet(outcome[2]);
                    progress.accept(now);
                    throttle(started, now - startRecords);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    futures.forEach(x -> x.cancel(true));
                    Throwable cause = e.getCause();
                    throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                }
            }
        } finally {
            writers.shutdownNow();
        }
        return new Result(done.cardinality(), written.get(), appended.get(), records.get(), conflicts.get(),
                resumed);
    }

    /** Contiguous ranges of units not done yet, each with about {@code batchEvents} events. */
    private List<int[]> batches(ImportPlan plan, BitSet done) {
        List<int[]> batches = new ArrayList<>();
        int first = -1;
        int events = 0;
        for (int i = 0; i < plan.units.size(); i++) {
            if (done.get(i)) {
                if (first >= 0) {
                    batches.add(new int[]{first, i - 1});
                    first = -1;
                    events = 0;
                }
                continue;
            }
            if (first < 0) {
                first = i;
            }
            events += plan.units.get(i).events().size();
            if (events >= options.batchEvents()) {
                batches.add(new int[]{first, i});
                first = -1;
                events = 0;
            }
        }
        if (first >= 0) {
            batches.add(new int[]{first, plan.units.size() - 1});
        }
        return batches;
    }

    private void throttle(long startedNanos, long recordsSinceStart) {
        if (options.maxRecordsPerSecond() <= 0) {
            return;
        }
        long due = startedNanos + (long) (recordsSinceStart / options.maxRecordsPerSecond() * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int[] writeWithRetries(ImportPlan plan, String source, String hash, int first, int last) {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.tx.execute(status -> write(plan, source, hash, first, last));
            } catch (DataAccessException e) {
                // A live write took a sequence number between our look-up and our COPY (a duplicate key), or the
                // database failed the transaction: nothing of it is stored, look again.
                if (attempt >= RETRIES) {
                    throw e;
                }
            }
        }
    }

    /** One transaction: look the aggregates up, append what is missing, record the batch. */
    private int[] write(ImportPlan plan, String source, String hash, int first, int last) {
        List<ImportUnit> units = plan.units.subList(first, last + 1);
        Map<String, Stored> stored = lookUp(units);
        List<EventCopy.Row> rows = new ArrayList<>();
        Map<String, byte[]> metaData = new HashMap<>();
        int conflicts = 0;
        int records = 0;
        Instant now = Instant.now();
        for (ImportUnit unit : units) {
            records += unit.records();
            Stored s = stored.get(unit.aggregateId());
            long next = 0;
            List<EventDraft> missing = unit.events();
            if (s != null) {
                missing = unit.events().stream().filter(d -> !s.ids.contains(d.id())).toList();
                if (missing.isEmpty()) {
                    continue;
                }
                if (s.live) {
                    conflicts++;
                    store.jdbc.update("""
                            INSERT INTO migration_conflict (source, aggregate_id, legacy_key, tenant, reason)
                            VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, aggregate_id) DO NOTHING""",
                            source, unit.aggregateId(), unit.events().get(0).legacyKey(), unit.tenant(),
                            "the platform already has " + s.liveCount + " event(s) of its own for this record: "
                            + "importing into a live aggregate is refused (ADR 0012)");
                    continue;
                }
                next = s.lastSequence + 1;
            }
            for (EventDraft d : missing) {
                // a unit's events share their legacy key: its metadata is serialized once
                byte[] meta = metaData.computeIfAbsent(d.legacyKey(),
                        key -> store.metaData(MetaData.with(MARKER, source).and(LEGACY_KEY, key)));
                rows.add(new EventCopy.Row(d.id(), unit.aggregateId(), next++, unit.aggregateType(), d.payload(),
                        meta));
            }
        }
        if (!rows.isEmpty()) {
            // The store's timestamp is the append time (ADR 0012): the legacy time is the payload's `at`.
            store.append(rows, now);
        }
        if (options.checkpoint()) {
            store.jdbc.update("""
                    INSERT INTO migration_batch (source, plan_hash, first_unit, last_unit, records, events)
                    VALUES (?, ?, ?, ?, ?, ?)""", source, hash, first, last, records, rows.size());
        }
        return new int[]{rows.size(), conflicts, records};
    }

    private static final class Stored {
        final Set<String> ids = new HashSet<>();
        long lastSequence = -1;
        boolean live;
        int liveCount;
    }

    private Map<String, Stored> lookUp(List<ImportUnit> units) {
        Map<String, Stored> stored = new HashMap<>();
        String[] ids = units.stream().map(ImportUnit::aggregateId).toArray(String[]::new);
        byte[] marker = ("\"" + MARKER + "\"").getBytes(StandardCharsets.UTF_8);
        store.jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT aggregateIdentifier, sequenceNumber, eventIdentifier, position(? IN metaData) > 0
                    FROM domainevententry WHERE aggregateIdentifier = ANY (?)""");
            ps.setBytes(1, marker);
            ps.setArray(2, con.createArrayOf("text", ids));
            return ps;
        }, rs -> {
            Stored s = stored.computeIfAbsent(rs.getString(1), k -> new Stored());
            s.lastSequence = Math.max(s.lastSequence, rs.getLong(2));
            s.ids.add(rs.getString(3));
            if (!rs.getBoolean(4)) {
                s.live = true;
                s.liveCount++;
            }
        });
        return stored;
    }

    /** The conflicts recorded for {@code source}: aggregate, legacy key, tenant, reason. */
    public List<String[]> conflicts(String source) {
        return store.jdbc.query("SELECT aggregate_id, legacy_key, tenant, reason FROM migration_conflict "
                        + "WHERE source = ? ORDER BY aggregate_id",
                (rs, i) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}, source);
    }
}
