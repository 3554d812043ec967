package io.chariot.query.explorer.travel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The difference between two versions of a state, as one change per leaf that differs: its JSON Pointer and the
 * value before and after (null where it did not exist). Objects compare member by member, lists element by element.
 */
public final class StateDiff {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Change(String path, JsonNode before, JsonNode after) {
    }

    private StateDiff() {
    }

    public static List<Change> between(JsonNode before, JsonNode after) {
        List<Change> changes = new ArrayList<>();
        compare("", before, after, changes);
        return changes;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<Change> changes) {
        if (before != null && before.equals(after)) {
            return;
        }
        // a member or element that exists on one side only is compared leaf by leaf with nothing
        if (before == null && after != null && after.isContainerNode() && !after.isEmpty()) {
            before = after.isObject() ? JsonNodeFactory.instance.objectNode() : JsonNodeFactory.instance.arrayNode();
        } else if (after == null && before != null && before.isContainerNode() && !before.isEmpty()) {
            after = before.isObject() ? JsonNodeFactory.instance.objectNode() : JsonNodeFactory.instance.arrayNode();
        }
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(path + "/" + name.replace("~", "~0").replace("/", "~1"), before.get(name), after.get(name),
                        changes);
            }
            return;
        }
        if (before != null && after != null && before.isArray() && after.isArray()) {
            for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
                compare(path + "/" + i, before.get(i), after.get(i), changes);
            }
            return;
        }
        if (before == null && after == null) {
            return;
        }
        changes.add(new Change(path.isEmpty() ? "/" : path, before, after));
    }
}
