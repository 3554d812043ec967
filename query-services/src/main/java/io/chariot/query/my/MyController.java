package io.chariot.query.my;

import io.chariot.api.asset.AssetQueries.CountAssets;
import io.chariot.api.asset.AssetQueries.SearchByField;
import io.chariot.api.asset.AssetQueries.SearchByKey;
import io.chariot.api.input.Inputs;
import io.chariot.api.input.StoreLimits;
import io.chariot.websupport.tenancy.Caller;
import io.chariot.websupport.web.BadRequestException;
import io.chariot.websupport.web.Plural;
import io.chariot.query.count.CountSearch;
import io.chariot.query.graph.CypherTranslator.PageTooLargeException;
import io.chariot.query.graph.GraphQuery;
import io.chariot.query.graph.GraphSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chariot's search surface: {@code GET /my}, {@code POST /my} and {@code GET /my/count}, always in one tenant. */
@RestController
public class MyController {

    private final KeySearch keys;
    private final GraphSearch graph;
    private final CountSearch counts;
    private final int pageSize;

    public MyController(KeySearch keys, GraphSearch graph, CountSearch counts, SearchPaging paging) {
        this.keys = keys;
        this.graph = graph;
        this.counts = counts;
        this.pageSize = paging.pageSize();
    }

    @Operation(summary = "Key-prefix or field:value search over table data",
            description = "key=#asset#example.com finds by key prefix; key=status:A by field prefix "
                    + "(status, source, dns, name); exact=true matches one key; offset continues a previous page.")
    @GetMapping("/my")
    public Map<String, Object> searchByKey(Caller caller,
                                           @Parameter(description = "#type#prefix or field:value") @RequestParam(defaultValue = "") String key,
                                           @RequestParam(required = false) String label,
                                           @RequestParam(defaultValue = "false") boolean exact,
                                           @RequestParam(required = false) String offset,
                                           @RequestParam(name = "global", defaultValue = "false") boolean global) {
        if (global) {
            // Shared "global" tenant data is not part of this slice: a tenant's data never answers a global query.
            return Map.of();
        }
        // A key (or prefix) longer than a key can be matches nothing, and DynamoDB refuses to compare with it.
        Inputs.key("key", key);
        Inputs.key("label", label);
        Inputs.text("offset", offset, MAX_OFFSET_CHARS);
        KeySearch.Result result;
        if (key.startsWith(SEED_PREFIX)) {
            // Seeds are assets whose source is seed (chariot-api.md §2.3); older clients list them as #seed#….
            result = keys.byField(new SearchByField(caller.tenant(), "source", "seed", seedKeyPrefix(key), offset,
                    pageSize));
        } else if (key.startsWith("#") || key.isEmpty()) {
            String prefix = key.isEmpty() ? "#" : key;
            result = keys.byKey(new SearchByKey(caller.tenant(), prefix, exact, offset, pageSize));
        } else {
            int colon = key.indexOf(':');
            if (colon <= 0) {
                throw new BadRequestException("key must be a #type#prefix or field:value, got '" + key + "'");
            }
            result = keys.byField(new SearchByField(caller.tenant(), key.substring(0, colon), key.substring(colon + 1),
                    label, offset, pageSize));
        }
        return envelope(result.items(), result.offset());
    }

    private static final String SEED_PREFIX = "#seed#";
    /** An offset wraps at most a tenant, a key and a table name. */
    private static final int MAX_OFFSET_CHARS = 4 * StoreLimits.KEY_BYTES;

    /**
     * {@code #seed#} lists every seed; {@code #seed#asset#{dns}…} narrows to asset keys {@code #asset#{dns}…}; a
     * legacy {@code #seed#{domain|ip|cidr}#{value}} names the seed asset {@code #asset#{value}#{value}}'s prefix.
     */
    static String seedKeyPrefix(String key) {
        String rest = key.substring(SEED_PREFIX.length());
        if (rest.isEmpty()) {
            return "#asset#";
        }
        int hash = rest.indexOf('#');
        String value = hash < 0 ? "" : rest.substring(hash + 1);
        if (rest.startsWith("asset#")) {
            return "#asset#" + value;
        }
        return value.isEmpty() ? "#asset#" : "#asset#" + value.toLowerCase(java.util.Locale.ROOT);
    }

    @Operation(summary = "Graph query: labels, filters, search, relationships, paging (chariot-api.md §3.3b)")
    @PostMapping("/my")
    public Map<String, Object> graphQuery(Caller caller, @RequestBody GraphQuery query,
                                          @RequestParam(name = "global", defaultValue = "false") boolean global) {
        if (global) {
            return Map.of();
        }
        var result = graph.search(query, caller.tenant());
        return envelope(result.items(), result.offset());
    }

    @Operation(summary = "Counts by status, class, source and attribute name")
    @GetMapping("/my/count")
    public Map<String, Map<String, Long>> count(Caller caller, @RequestParam(defaultValue = "") String key) {
        Inputs.key("key", key);
        return counts.count(new CountAssets(caller.tenant(), key));
    }

    @ExceptionHandler(PageTooLargeException.class)
    ProblemDetail pageTooLarge(PageTooLargeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    /** Chariot's plural-keyed envelope: items grouped by the type in their key, plus the offset if more remain. */
    static Map<String, Object> envelope(List<Map<String, Object>> items, String offset) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (var item : items) {
            String type = Plural.of(Plural.typeOfKey((String) item.get("key")));
            @SuppressWarnings("unchecked")
            var list = (List<Map<String, Object>>) body.computeIfAbsent(type, t -> new ArrayList<>());
            list.add(item);
        }
        if (offset != null) {
            body.put("offset", offset);
        }
        return body;
    }
}
