package io.chariot.query.explorer.web;

import io.chariot.websupport.tenancy.Caller;
import io.chariot.query.explorer.EventExplorer;
import io.chariot.query.explorer.ExplorerProperties;
import io.chariot.query.explorer.access.ExplorerParams;
import io.chariot.query.explorer.api.ExportResponses;
import io.chariot.query.explorer.export.EventExport;
import io.chariot.query.explorer.store.Cursor;
import io.chariot.query.explorer.store.EventFilter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;

/**
 * The explorer's pages: the stream with its filters, one event, its causation chain, an aggregate's history with
 * time travel (its state as of a version, the difference between two) and exports. Every
 * page is a GET whose URL says everything shown, so it can be shared; what the reader of a shared link sees is
 * still decided by who they are.
 */
@Controller
@ExplorerPage
public class ExplorerController {

    private final EventExplorer explorer;
    private final EventExport export;
    private final ExplorerProperties properties;

    public ExplorerController(EventExplorer explorer, EventExport export, ExplorerProperties properties) {
        this.explorer = explorer;
        this.export = export;
        this.properties = properties;
    }

    @GetMapping("/explorer")
    public String stream(Caller caller,
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
                         @RequestParam(required = false) Integer limit,
                         Model model) {
        StreamForm form = new StreamForm(tenant, aggregateType, key, aggregateId, type, since, until, by,
                correlationId, causationId, limit);
        model.addAttribute("form", form);
        model.addAttribute("eventTypes", explorer.eventTypes());
        model.addAttribute("aggregateTypes", explorer.aggregateTypes());
        EventFilter filter = filter(caller, form);
        int size = ExplorerParams.limit(limit, properties.pageSize(), properties.maxPageSize());
        EventExplorer.Page page = explorer.page(filter, new Cursor(ExplorerParams.position("before", before), null,
                size), false);
        model.addAttribute("page", page);
        model.addAttribute("before", before);
        model.addAttribute("older", page.nextBefore() == null ? null
                : form.url("/explorer", "before", page.nextBefore().toString()));
        model.addAttribute("newest", before == null ? null : form.url("/explorer"));
        model.addAttribute("exportJsonl", form.url("/explorer/export", "format", "jsonl"));
        model.addAttribute("exportCsv", form.url("/explorer/export", "format", "csv"));
        return "explorer/stream";
    }

    @GetMapping("/explorer/events/{id}")
    public String event(Caller caller, @PathVariable String id, Model model) {
        model.addAttribute("event", explorer.event(caller, ExplorerParams.text("id", id)));
        return "explorer/event";
    }

    @GetMapping("/explorer/events/{id}/chain")
    public String chain(Caller caller, @PathVariable String id, Model model) {
        model.addAttribute("chain", explorer.chain(caller, ExplorerParams.text("id", id)));
        return "explorer/chain";
    }

    @GetMapping("/explorer/aggregate")
    public String aggregate(Caller caller,
                            @RequestParam(required = false) String tenant,
                            @RequestParam(required = false) String key,
                            @RequestParam(required = false) String aggregateId,
                            @RequestParam(required = false) Long from,
                            Model model) {
        EventExplorer.History history = explorer.history(caller, tenant, ExplorerParams.text("key", key),
                ExplorerParams.text("aggregateId", aggregateId), from == null ? 0 : ExplorerParams.position("from",
                        from));
        model.addAttribute("history", history);
        model.addAttribute("more", history.nextFrom() == null ? null : StreamForm.url("/explorer/aggregate",
                java.util.Map.of("tenant", history.tenant() == null ? "" : history.tenant(), "key", history.key(),
                        "from", history.nextFrom().toString())));
        return "explorer/aggregate";
    }

    @GetMapping("/explorer/aggregate/state")
    public String state(Caller caller,
                        @RequestParam(required = false) String tenant,
                        @RequestParam(required = false) String key,
                        @RequestParam(required = false) String aggregateId,
                        @RequestParam(required = false) String version,
                        @RequestParam(required = false) String sequence,
                        Model model) {
        ExplorerParams.Version v = ExplorerParams.version("version", version != null && !version.isBlank()
                ? version : sequence);
        model.addAttribute("state", explorer.state(caller, tenant, ExplorerParams.text("key", key),
                ExplorerParams.text("aggregateId", aggregateId), v));
        return "explorer/state";
    }

    @GetMapping("/explorer/aggregate/diff")
    public String diff(Caller caller,
                       @RequestParam(required = false) String tenant,
                       @RequestParam(required = false) String key,
                       @RequestParam(required = false) String aggregateId,
                       @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to,
                       Model model) {
        var diff = explorer.diff(caller, tenant, ExplorerParams.text("key", key),
                ExplorerParams.text("aggregateId", aggregateId), ExplorerParams.version("from", from),
                ExplorerParams.version("to", to));
        model.addAttribute("diff", diff);
        return "explorer/diff";
    }

    @GetMapping("/explorer/export")
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
        EventFilter filter = filter(caller, new StreamForm(tenant, aggregateType, key, aggregateId, type, since,
                until, by, correlationId, causationId, null));
        ExportResponses.start(response, f);
        export.write(filter, f, response.getOutputStream());
    }

    private EventFilter filter(Caller caller, StreamForm f) {
        return explorer.scoped(caller, ExplorerParams.text("tenant", f.tenant()),
                ExplorerParams.text("aggregateType", f.aggregateType()), ExplorerParams.text("key", f.key()),
                ExplorerParams.text("aggregateId", f.aggregateId()), ExplorerParams.text("type", f.type()),
                ExplorerParams.instant("since", f.since()), ExplorerParams.instant("until", f.until()),
                ExplorerParams.text("by", f.by()), ExplorerParams.text("correlationId", f.correlationId()),
                ExplorerParams.text("causationId", f.causationId()));
    }
}
