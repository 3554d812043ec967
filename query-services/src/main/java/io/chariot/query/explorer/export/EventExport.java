package io.chariot.query.explorer.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.chariot.websupport.web.BadRequestException;
import io.chariot.query.explorer.EventExplorer;
import io.chariot.query.explorer.store.EventFilter;
import io.chariot.query.explorer.view.EventView;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A filter's events as a file, oldest first, written while they are read ({@link EventExplorer#each}): JSON Lines
 * (one {@link EventView} per line) or CSV (one row per event, payload and metadata as JSON text in their cells).
 * CSV cells that a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, CR) get a
 * leading {@code '}: an export is opened by people, and event data is partly what clients sent.
 */
public class EventExport {

    public enum Format {
        JSONL("application/x-ndjson", "jsonl"), CSV("text/csv", "csv");

        public final String contentType;
        public final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public static Format parse(String format) {
            if (format == null || format.isBlank()) {
                return JSONL;
            }
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "jsonl", "ndjson", "json-lines" -> JSONL;
                case "csv" -> CSV;
                default -> throw new BadRequestException("format must be jsonl or csv");
            };
        }
    }

    static final List<String> COLUMNS = List.of("position", "id", "time", "tenant", "aggregateType", "aggregateId",
            "key", "sequence", "type", "revision", "by", "correlationId", "causationId", "traceId", "request",
            "command", "commandCause", "erased", "payload", "metadata");

    private final EventExplorer explorer;
    private final ObjectMapper json;
    private final CsvMapper csv = new CsvMapper();

    public EventExport(EventExplorer explorer, ObjectMapper json) {
        this.explorer = explorer;
        this.json = json.copy().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    public void write(EventFilter filter, Format format, OutputStream out) throws IOException {
        try {
            if (format == Format.JSONL) {
                explorer.each(filter, event -> line(event, out));
            } else {
                CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
                COLUMNS.forEach(schema::addColumn);
                try (SequenceWriter rows = csv.writer(schema.build())
                        .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValues(out)) {
                    explorer.each(filter, event -> row(event, rows));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    private void line(EventView event, OutputStream out) {
        try {
            json.writeValue(out, event);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void row(EventView e, SequenceWriter rows) {
        List<String> cells = new ArrayList<>(COLUMNS.size());
        cells.add(Long.toString(e.position()));
        cells.add(e.id());
        cells.add(e.time());
        cells.add(e.tenant());
        cells.add(e.aggregateType());
        cells.add(e.aggregateId());
        cells.add(e.key());
        cells.add(Long.toString(e.sequence()));
        cells.add(e.type());
        cells.add(e.revision());
        cells.add(e.by());
        cells.add(e.correlationId());
        cells.add(e.causationId());
        cells.add(e.traceId());
        cells.add(e.request());
        cells.add(e.command());
        cells.add(e.commandCause());
        cells.add(Boolean.toString(e.erased()));
        cells.add(text(e.payload()));
        cells.add(text(e.metadata()));
        try {
            rows.write(cells.stream().map(EventExport::cell).toList());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private String text(JsonNode node) {
        try {
            return node == null ? null : json.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell as a spreadsheet may read it: never a formula. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
