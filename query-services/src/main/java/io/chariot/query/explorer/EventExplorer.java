package io.chariot.query.explorer;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.BadRequestException;
import io.chariot.websupport.web.NotFoundException;
import io.chariot.query.explorer.access.ExplorerAccess;
import io.chariot.query.explorer.access.ExplorerParams.Version;
import io.chariot.query.explorer.chain.CausationChain;
import io.chariot.query.explorer.store.Cursor;
import io.chariot.query.explorer.store.EventFilter;
import io.chariot.query.explorer.store.EventStoreReader;
import io.chariot.query.explorer.store.StoredEvent;
import io.chariot.query.explorer.travel.AggregateReplay;
import io.chariot.query.explorer.travel.StateDiff;
import io.chariot.query.explorer.view.AggregateKeys;
import io.chariot.query.explorer.view.EventView;
import io.chariot.query.explorer.view.EventViews;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the explorer can tell, for one caller: the API, the web UI and (through the API) the CLI all ask here, so
 * they show the same events to the same people. Tenant scoping is decided once per request by
 * {@link ExplorerAccess}; secrets are hidden by {@link EventViews}.
 */
public class EventExplorer {

    /** A page of the stream; {@code nextBefore} continues back in time, {@code nextAfter} forward (null: the end). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(List<EventView> events, Long nextBefore, Long nextAfter) {
    }

    /**
     * Events of one aggregate, oldest first, from sequence number {@code from} on (at most a page; {@code nextFrom}
     * continues, null at the end); {@code latest} is its last sequence number; {@code replayable} whether this
     * deployment has its classes, to replay it.
     */
    public record History(String tenant, String aggregateType, String aggregateId, String key, boolean replayable,
                          long latest, List<EventView> events, Long nextFrom) {
    }

    public record Chain(String correlationId, String focus, int events, boolean truncated,
                        io.chariot.query.explorer.chain.ChainNode root) {
    }

    /** An aggregate's state as of one version ({@code state}), and which aggregate and how many versions it has. */
    public record StateAt(String tenant, String key, String aggregateType, String aggregateId, long latest,
                          AggregateReplay.State state) {
    }

    /** The difference between two versions of an aggregate: both states and the changed values. */
    public record Diff(String tenant, String key, String aggregateType, String aggregateId, long latest,
                       AggregateReplay.State from, AggregateReplay.State to, List<StateDiff.Change> changes) {
    }

    private final EventStoreReader reader;
    private final EventViews views;
    private final ExplorerAccess access;
    private final AggregateReplay replay;
    private final ExplorerProperties properties;

    public EventExplorer(EventStoreReader reader, EventViews views, ExplorerAccess access, AggregateReplay replay,
                         ExplorerProperties properties) {
        this.reader = reader;
        this.views = views;
        this.access = access;
        this.replay = replay;
        this.properties = properties;
    }

    public ExplorerAccess access() {
        return access;
    }

    /** The names filters take: the aggregate types this deployment knows and every published event. */
    public List<String> aggregateTypes() {
        return replay.aggregateTypes();
    }

    public List<String> eventTypes() {
        return io.chariot.api.PublishedEvents.all().stream().map(Class::getSimpleName).sorted().distinct().toList();
    }

    /** The filter as the caller may apply it: the tenant scoped, a Chariot key turned into its aggregate id. */
    public EventFilter scoped(Caller caller, String tenant, String aggregateType, String key, String aggregateId,
                              String eventType, java.time.Instant since, java.time.Instant until, String by,
                              String correlationId, String causationId) {
        String scope = access.tenant(caller, tenant);
        String aggregate = aggregateId;
        if (key != null) {
            if (aggregateId != null) {
                throw new BadRequestException("give key or aggregateId, not both");
            }
            if (scope == null) {
                throw new BadRequestException("a key names a record of one tenant: give tenant too (or aggregateId)");
            }
            aggregate = AggregateKeys.aggregateId(scope, key);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new BadRequestException("since must be before until");
        }
        return new EventFilter(scope, aggregateType, aggregate, eventType, since, until, by, correlationId,
                causationId);
    }

    public Page page(EventFilter filter, Cursor cursor, boolean withPayloads) {
        Cursor probe = new Cursor(cursor.before(), cursor.after(), cursor.limit() + 1);
        List<StoredEvent> rows = reader.page(filter, probe, withPayloads);
        boolean more = rows.size() > cursor.limit();
        List<EventView> events = rows.stream().limit(cursor.limit()).map(views::view).toList();
        if (cursor.forward()) {
            long last = events.isEmpty() ? cursor.after() : events.get(events.size() - 1).position();
            return new Page(events, null, last);
        }
        Long nextBefore = more ? events.get(events.size() - 1).position() : null;
        return new Page(events, nextBefore, null);
    }

    /** Every event of the filter, oldest first, in batches: nothing is held but the batch being written. */
    public void each(EventFilter filter, Consumer<EventView> sink) {
        Cursor cursor = Cursor.fromStart(properties.exportBatch());
        while (true) {
            List<StoredEvent> rows = reader.page(filter, cursor, true);
            for (StoredEvent row : rows) {
                sink.accept(views.view(row));
            }
            if (rows.size() < properties.exportBatch()) {
                return;
            }
            cursor = new Cursor(null, rows.get(rows.size() - 1).position(), properties.exportBatch());
        }
    }

    public EventView event(Caller caller, String eventId) {
        StoredEvent event = reader.byId(eventId).orElseThrow(() -> new NotFoundException("no such event"));
        return views.view(access.visible(caller, event));
    }

    public History history(Caller caller, String tenant, String key, String aggregateId) {
        return history(caller, tenant, key, aggregateId, 0);
    }

    public History history(Caller caller, String tenant, String key, String aggregateId, long from) {
        String scope = access.tenant(caller, tenant);
        String id = aggregateId(scope, key, aggregateId);
        int limit = properties.historyPage();
        List<StoredEvent> events = reader.aggregate(id, scope, from, limit + 1, true);
        StoredEvent first = events.isEmpty() ? reader.aggregate(id, scope, 0, 1, false).stream().findFirst()
                .orElseThrow(() -> new NotFoundException(noEvents(key)))
                : events.get(0);
        long latest = reader.lastSequence(id).orElse(first.sequence());
        Long nextFrom = events.size() > limit ? events.get(limit).sequence() : null;
        return new History(first.tenant(), first.aggregateType(), id, AggregateKeys.key(first.tenant(), id),
                replay.canReplay(first.aggregateType()), latest,
                events.stream().limit(limit).map(views::view).toList(), nextFrom);
    }

    public Chain chain(Caller caller, String eventId) {
        EventView focus = event(caller, eventId);
        String tenant = access.isOperator(caller) ? null : caller.tenant();
        List<EventView> events;
        boolean truncated = false;
        if (focus.correlationId() == null) {
            events = List.of(focus);
        } else {
            List<StoredEvent> rows = reader.correlated(focus.correlationId(), tenant, properties.chainLimit() + 1);
            truncated = rows.size() > properties.chainLimit();
            events = rows.stream().limit(properties.chainLimit()).map(views::view).toList();
        }
        CausationChain.Tree tree = CausationChain.build(focus.correlationId(), events, focus.id(), truncated);
        return new Chain(focus.correlationId(), focus.id(), tree.events(), tree.truncated(), tree.root());
    }

    public StateAt state(Caller caller, String tenant, String key, String aggregateId, Version version) {
        History history = aggregate(caller, tenant, key, aggregateId);
        requireReplayable(history);
        long sequence = sequence(history, version, "sequence");
        AggregateReplay.State state = redacted(replay.stateAt(history.aggregateType(), history.aggregateId(),
                sequence).orElseThrow(() -> new NotFoundException("no version " + sequence + " of " + history.key())));
        return new StateAt(history.tenant(), history.key(), history.aggregateType(), history.aggregateId(),
                history.latest(), state);
    }

    public Diff diff(Caller caller, String tenant, String key, String aggregateId, Version from, Version to) {
        History history = aggregate(caller, tenant, key, aggregateId);
        requireReplayable(history);
        if (from == null || to == null) {
            throw new BadRequestException("from and to are required: sequence numbers or times");
        }
        AggregateReplay.State before = redacted(replay.stateAt(history.aggregateType(), history.aggregateId(),
                sequence(history, from, "from")).orElseThrow());
        AggregateReplay.State after = redacted(replay.stateAt(history.aggregateType(), history.aggregateId(),
                sequence(history, to, "to")).orElseThrow());
        return new Diff(history.tenant(), history.key(), history.aggregateType(), history.aggregateId(),
                history.latest(), before, after, StateDiff.between(before.fields(), after.fields()));
    }

    /** What time travel needs of the history: identity and latest version, no events. */
    private History aggregate(Caller caller, String tenant, String key, String aggregateId) {
        String scope = access.tenant(caller, tenant);
        String id = aggregateId(scope, key, aggregateId);
        StoredEvent first = reader.aggregate(id, scope, 0, 1, false).stream().findFirst()
                .orElseThrow(() -> new NotFoundException(noEvents(key)));
        return new History(first.tenant(), first.aggregateType(), id, AggregateKeys.key(first.tenant(), id),
                replay.canReplay(first.aggregateType()), reader.lastSequence(id).orElse(first.sequence()), List.of(),
                null);
    }

    private AggregateReplay.State redacted(AggregateReplay.State state) {
        return new AggregateReplay.State(state.aggregateType(), state.aggregateId(), state.sequence(), state.at(),
                views.redact(state.fields()));
    }

    private static void requireReplayable(History history) {
        if (!history.replayable()) {
            throw new NotFoundException("this deployment cannot replay " + history.aggregateType()
                    + " aggregates (their classes are not here)");
        }
    }

    /** The sequence number a version names: itself, or the last event at or before its time; null: the latest. */
    private long sequence(History history, Version version, String name) {
        long latest = history.latest();
        if (version == null) {
            return latest;
        }
        if (version.sequence() != null) {
            if (version.sequence() > latest) {
                throw new NotFoundException(name + " " + version.sequence() + " is past the last version ("
                        + latest + ") of " + history.key());
            }
            return version.sequence();
        }
        return reader.sequenceAt(history.aggregateId(), version.at()).orElseThrow(() -> new NotFoundException(
                history.key() + " did not exist yet at " + version.at()));
    }

    /** Says which record had no events by its key only: an aggregate id holds a tenant, which is not echoed. */
    private static String noEvents(String key) {
        return key != null ? "no events of " + key : "no events of that aggregate";
    }

    private static String aggregateId(String scope, String key, String aggregateId) {
        if (key != null && aggregateId != null) {
            throw new BadRequestException("give key or aggregateId, not both");
        }
        if (aggregateId != null) {
            return aggregateId;
        }
        if (key == null) {
            throw new BadRequestException("key (a Chariot key such as #risk#example.com#cve-2024-1) is required");
        }
        if (scope == null) {
            throw new BadRequestException("a key names a record of one tenant: give tenant too (or aggregateId)");
        }
        return AggregateKeys.aggregateId(scope, key);
    }
}
