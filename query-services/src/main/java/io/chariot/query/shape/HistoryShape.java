package io.chariot.query.shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * History records as tabularium serialises them: {@code from}, {@code to} and {@code comment} are {@code omitempty},
 * so an empty one is absent. Clients rely on it: praetorian-cli counts a record as a note when it has a
 * {@code comment} member at all ({@code risks.get_note_entries}), so a status change without a comment must not
 * carry {@code "comment": ""}. The read models keep the empty strings; reads leave them out.
 */
public final class HistoryShape {

    private static final Set<String> OMIT_EMPTY = Set.of("from", "to", "comment");

    private HistoryShape() {
    }

    /** The item with its {@code history} list (if any) shaped; other members unchanged. */
    public static Map<String, Object> shape(Map<String, Object> item) {
        if (item.get("history") instanceof List<?> history) {
            item.put("history", records(history));
        }
        return item;
    }

    static List<Object> records(List<?> history) {
        List<Object> out = new ArrayList<>(history.size());
        for (Object record : history) {
            if (record instanceof Map<?, ?> map) {
                Map<Object, Object> copy = new LinkedHashMap<>(map);
                copy.entrySet().removeIf(e -> OMIT_EMPTY.contains(String.valueOf(e.getKey()))
                                              && (e.getValue() == null || "".equals(e.getValue())));
                out.add(copy);
            } else {
                out.add(record);
            }
        }
        return out;
    }
}
