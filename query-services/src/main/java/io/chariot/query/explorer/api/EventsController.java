package io.chariot.query.explorer.api;

import io.chariot.websupport.tenancy.Caller;
import io.chariot.query.explorer.EventExplorer;
import io.chariot.query.explorer.ExplorerProperties;
import io.chariot.query.explorer.access.ExplorerParams;
import io.chariot.query.explorer.export.EventExport;
import io.chariot.query.explorer.store.Cursor;
import io.chariot.query.explorer.store.EventFilter;
import io.chariot.query.explorer.view.EventView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import io.chariot.websupport.web.BadRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;

/**
 * The event explorer's API over the event store ({@code ./chariot events} is its client): the stream with filters
 * and keyset paging, one event, its causation chain, an aggregate's history, its state as of a version and the
 * difference between two, and exports. Bearer tokens only, like the rest of the API; operators see every tenant,
 * everyone else the tenant they act on.
 */
@RestController
public class EventsController {

    private final EventExplorer explorer;
    private final EventExport export;
    private final ExplorerProperties properties;

    public EventsController(EventExplorer explorer, EventExport export, ExplorerProperties properties) {
        this.explorer = explorer;
        this.export = export;
        this.properties = properties;
    }

    @Operation(summary = "The event stream, newest first (or oldest first after a position), filtered",
            description = "Filters (all optional, combined): tenant (operators; others see their own), "
                    + "aggregateType, key (a Chariot key, with the tenant) or aggregateId, type (event name), "
                    + "since/until (ISO-8601, until exclusive), by, correlationId, causationId. Paging: before="
                    + "nextBefore of the previous page goes back in time; after=POSITION reads forward (followers).")
    @GetMapping("/events")
    public EventExplorer.Page stream(Caller caller,
                                     @RequestParam(required = false) String tenant,
                                     @RequestParam(required = false) String aggregateType,
                                     @RequestParam(required = false) String key,
                                     @RequestParam(required = false) String aggregateId,
                                     @RequestParam(required = false) String type,
                                     @RequestParam(required = false) String since,
                                     @RequestParam(required = false) String until,
                                     @RequestParam(required = false) String by,
                                     @RequestParam(required = false) String correlationId,
                                     @RequestParam(required = false) String causationId,
                                     @RequestParam(required = false) Long before,
                                     @RequestParam(required = false) Long after,
                                     @RequestParam(required = false) Integer limit,
                                     @RequestParam(defaultValue = "true") boolean payloads) {
        EventFilter filter = filter(caller, tenant, aggregateType, key, aggregateId, type, since, until, by,
                correlationId, causationId);
        Cursor cursor = cursor(before, after, limit);
        return explorer.page(filter, cursor, payloads);
    }

    @Operation(summary = "One event by its id, with payload and metadata")
    @GetMapping("/events/{id}")
    public EventView event(Caller caller, @PathVariable String id) {
        return explorer.event(caller, ExplorerParams.text("id", id));
    }

    @Operation(summary = "The causation chain around an event: the request, commands, sagas and events of its "
            + "correlation, as a tree")
    @GetMapping("/events/{id}/chain")
    public EventExplorer.Chain chain(Caller caller, @PathVariable String id) {
        return explorer.chain(caller, ExplorerParams.text("id", id));
    }

    @Operation(summary = "Every event of one aggregate, by its Chariot key (or aggregateId), oldest first; "
            + "from=SEQUENCE continues a long history")
    @GetMapping("/events/history")
    public EventExplorer.History history(Caller caller,
                                         @RequestParam(required = false) String tenant,
                                         @RequestParam(required = false) String key,
                                         @RequestParam(required = false) String aggregateId,
                                         @RequestParam(required = false) Long from) {
        return explorer.history(caller, tenant, ExplorerParams.text("key", key),
                ExplorerParams.text("aggregateId", aggregateId), from == null ? 0 : ExplorerParams.position("from",
                        from));
    }

    @Operation(summary = "An aggregate's state as of a version: sequence=N (after its Nth event) or at=TIME (the "
            + "version in force then); neither: the latest. Replayed through the aggregate's own class")
    @GetMapping("/events/state")
    public EventExplorer.StateAt state(Caller caller,
                                       @RequestParam(required = false) String tenant,
                                       @RequestParam(required = false) String key,
                                       @RequestParam(required = false) String aggregateId,
                                       @RequestParam(required = false) String sequence,
                                       @RequestParam(required = false) String at) {
        ExplorerParams.Version version = version(sequence, at);
        return explorer.state(caller, tenant, ExplorerParams.text("key", key),
                ExplorerParams.text("aggregateId", aggregateId), version);
    }

    @Operation(summary = "What changed in an aggregate between two versions (from, to: sequence numbers or times)")
    @GetMapping("/events/diff")
    public EventExplorer.Diff diff(Caller caller,
                                   @RequestParam(required = false) String tenant,
                                   @RequestParam(required = false) String key,
                                   @RequestParam(required = false) String aggregateId,
                                   @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to) {
        return explorer.diff(caller, tenant, ExplorerParams.text("key", key),
                ExplorerParams.text("aggregateId", aggregateId), ExplorerParams.version("from", from),
                ExplorerParams.version("to", to));
    }

    @Operation(summary = "The filter's events as a file, oldest first, streamed: format=jsonl (default) or csv")
    @GetMapping("/events/export")
    public void export(Caller caller,
                       @RequestParam(required = false) String tenant,
                       @RequestParam(required = false) String aggregateType,
                       @RequestParam(required = false) String key,
                       @RequestParam(required = false) String aggregateId,
                       @RequestParam(required = false) String type,
                       @RequestParam(required = false) String since,
                       @RequestParam(required = false) String until,
                       @RequestParam(required = false) String by,
                       @RequestParam(required = false) String correlationId,
                       @RequestParam(required = false) String causationId,
                       @RequestParam(required = false) String format,
                       HttpServletResponse response) throws IOException {
        EventExport.Format f = EventExport.Format.parse(format);
        EventFilter filter = filter(caller, tenant, aggregateType, key, aggregateId, type, since, until, by,
                correlationId, causationId);
        ExportResponses.start(response, f);
        export.write(filter, f, response.getOutputStream());
    }

    EventFilter filter(Caller caller, String tenant, String aggregateType, String key, String aggregateId,
                       String type, String since, String until, String by, String correlationId,
                       String causationId) {
        Instant from = ExplorerParams.instant("since", since);
        Instant to = ExplorerParams.instant("until", until);
        return explorer.scoped(caller, ExplorerParams.text("tenant", tenant),
                ExplorerParams.text("aggregateType", aggregateType), ExplorerParams.text("key", key),
                ExplorerParams.text("aggregateId", aggregateId), ExplorerParams.text("type", type), from, to,
                ExplorerParams.text("by", by), ExplorerParams.text("correlationId", correlationId),
                ExplorerParams.text("causationId", causationId));
    }

    private Cursor cursor(Long before, Long after, Integer limit) {
        int size = ExplorerParams.limit(limit, properties.pageSize(), properties.maxPageSize());
        try {
            return new Cursor(ExplorerParams.position("before", before), ExplorerParams.position("after", after),
                    size);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private static ExplorerParams.Version version(String sequence, String at) {
        if (sequence != null && !sequence.isBlank() && at != null && !at.isBlank()) {
            throw new BadRequestException("give sequence or at, not both");
        }
        ExplorerParams.Version bySequence = ExplorerParams.version("sequence", sequence);
        if (bySequence != null && bySequence.sequence() == null) {
            throw new BadRequestException("sequence must be a sequence number (0, 1, …)");
        }
        Instant instant = ExplorerParams.instant("at", at);
        return bySequence != null ? bySequence : instant == null ? null : new ExplorerParams.Version(null, instant);
    }
}
